-- Node "states csv" (sink.file)
-- Reads: top states
SELECT * FROM "top states"
