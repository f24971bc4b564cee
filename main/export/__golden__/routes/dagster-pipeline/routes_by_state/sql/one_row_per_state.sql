-- Node "one row per state" (check.unique)
-- Reads: by state
SELECT "state", count(*) AS duplicate_rows FROM "by state" WHERE "state" IS NOT NULL GROUP BY "state" HAVING count(*) > 1 ORDER BY duplicate_rows DESC
