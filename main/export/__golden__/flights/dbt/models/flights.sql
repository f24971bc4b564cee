{{ config(materialized='external', location="{{ sluice_work_location('flights') }}", format='parquet') }}
-- Node "flights" (source.file)
-- 3 million US domestic flights, 2001
select * from {{ source('sluice', 'flights') }}
