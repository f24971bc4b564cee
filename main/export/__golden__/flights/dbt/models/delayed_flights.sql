{{ config(materialized='external', location="{{ sluice_work_location('delayed_flights') }}", format='parquet') }}
-- Node "delayed_flights" (transform.sql)
SELECT date, delay, distance, origin, destination
FROM {{ ref('flights') }} AS "flights"
WHERE delay > 15
