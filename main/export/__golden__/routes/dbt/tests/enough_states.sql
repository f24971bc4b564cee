-- Node "enough states" (check.row_count)
-- A dbt test fails when this query returns rows: the check's failing rows.
SELECT row_count, 10 AS min_rows, NULL AS max_rows FROM (SELECT count(*) AS row_count FROM {{ ref('top_states') }} AS "top states") WHERE row_count < 10
