-- Node "enough states" (check.row_count)
-- Reads: top states
SELECT row_count, 10 AS min_rows, NULL AS max_rows FROM (SELECT count(*) AS row_count FROM "top states") WHERE row_count < 10
