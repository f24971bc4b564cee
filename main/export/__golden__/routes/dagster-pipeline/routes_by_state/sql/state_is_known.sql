-- Node "state is known" (check.not_null)
-- Reads: by state
SELECT * FROM "by state" WHERE "state" IS NULL
