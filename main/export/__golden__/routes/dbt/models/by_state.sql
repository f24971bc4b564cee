{{ config(materialized='external', location="{{ sluice_work_location('by_state') }}", format='parquet') }}
-- Node "by state" (transform.aggregate)
SELECT "state", count(*) AS "routes", sum("count") AS "flights" FROM {{ ref('routes_with_origin') }} AS "routes with origin" GROUP BY "state"
