-- Node "west coast only" (check.accepted_values)
-- fails on purpose, with severity warn, which must not fail the run
-- Reads: top states
SELECT * FROM "top states" WHERE "state" IS NOT NULL AND CAST("state" AS VARCHAR) NOT IN ('CA', 'OR', 'WA')
