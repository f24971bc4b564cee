{{ config(materialized='external', location="{{ sluice_work_location('delays_by_state') }}", format='parquet') }}
-- Node "delays_by_state" (transform.sql)
SELECT
  a.state,
  count(*) AS delayed_flights,
  round(avg(f.delay), 1) AS avg_delay_minutes
FROM {{ ref('delayed_flights') }} AS f
JOIN {{ ref('airports') }} AS a ON a.iata = f.origin
GROUP BY a.state
ORDER BY delayed_flights DESC
