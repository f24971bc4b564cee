-- Node "by state" (transform.aggregate)
-- Reads: routes with origin
SELECT "state", count(*) AS "routes", sum("count") AS "flights" FROM "routes with origin" GROUP BY "state"
