{{ config(materialized='external', location="{{ sluice_work_location('airports') }}", format='parquet') }}
-- Node "airports" (source.file)
select * from {{ source('sluice', 'airports') }}
