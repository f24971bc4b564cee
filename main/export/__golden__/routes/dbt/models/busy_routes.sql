{{ config(materialized='external', location="{{ sluice_work_location('busy_routes') }}", format='parquet') }}
-- Node "busy routes" (transform.filter)
SELECT * FROM {{ ref('routes') }} AS "routes" WHERE (count >= getvariable('min_flights'))
