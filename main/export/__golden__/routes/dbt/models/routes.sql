{{ config(materialized='external', location="{{ sluice_work_location('routes') }}", format='parquet') }}
-- Node "routes" (source.file)
-- origin, destination and number of flights (vega-datasets)
select * from {{ source('sluice', 'routes') }}
