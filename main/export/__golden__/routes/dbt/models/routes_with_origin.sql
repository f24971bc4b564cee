{{ config(materialized='external', location="{{ sluice_work_location('routes_with_origin') }}", format='parquet') }}
-- Node "routes with origin" (transform.join)
SELECT l.*, r.* FROM {{ ref('busy_routes') }} AS l INNER JOIN {{ ref('airports') }} AS r ON l."origin" = r."iata"
