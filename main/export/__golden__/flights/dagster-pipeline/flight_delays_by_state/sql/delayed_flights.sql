-- Node "delayed_flights" (transform.sql)
-- Reads: flights
SELECT date, delay, distance, origin, destination
FROM flights
WHERE delay > 15
