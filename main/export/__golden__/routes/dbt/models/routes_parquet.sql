{{ config(materialized='external', location="{{ sluice_output_location('out/routes_with_origin.parquet') }}", format='parquet') }}
-- Node "routes parquet" (sink.file)
SELECT * FROM {{ ref('routes_with_origin') }} AS "routes with origin"
