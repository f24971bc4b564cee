-- Node "routes with origin" (transform.join)
-- Reads: busy routes, airports
SELECT l.*, r.* FROM "busy routes" AS l INNER JOIN "airports" AS r ON l."origin" = r."iata"
