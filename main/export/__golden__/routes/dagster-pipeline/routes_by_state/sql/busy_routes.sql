-- Node "busy routes" (transform.filter)
-- Reads: routes
SELECT * FROM "routes" WHERE (count >= getvariable('min_flights'))
