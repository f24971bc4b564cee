{{ config(materialized='external', location="{{ sluice_output_location('out/delays_by_state.parquet') }}", format='parquet') }}
-- Node "delays_by_state_file" (sink.file)
SELECT * FROM {{ ref('delays_by_state') }} AS "delays_by_state"
