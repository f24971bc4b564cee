-- Node "routes parquet" (sink.file)
-- Reads: routes with origin
SELECT * FROM "routes with origin"
