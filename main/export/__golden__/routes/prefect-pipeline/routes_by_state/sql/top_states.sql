-- Node "top states" (transform.sql)
-- Reads: by state
-- states by flights, with their share of all flights
WITH total AS (SELECT sum(flights) AS all_flights FROM "by state")
SELECT s.state, s.routes, s.flights, round(100.0 * s.flights / t.all_flights, 2) AS share_pct
FROM "by state" AS s, total AS t
ORDER BY s.flights DESC
