{{ config(materialized='external', location="{{ sluice_work_location('airports') }}", format='parquet') }}
-- Node "airports" (source.file)
-- US airports with IATA code and state
select * from {{ source('sluice', 'airports') }}
