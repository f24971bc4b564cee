-- Node "delays_by_state" (transform.sql)
-- Reads: delayed_flights, airports
SELECT
  a.state,
  count(*) AS delayed_flights,
  round(avg(f.delay), 1) AS avg_delay_minutes
FROM delayed_flights AS f
JOIN airports AS a ON a.iata = f.origin
GROUP BY a.state
ORDER BY delayed_flights DESC
