-- Node "shares add up" (check.sql)
-- A dbt test fails when this query returns rows: the check's failing rows.
SELECT sum(share_pct) AS total FROM {{ ref('top_states') }} AS "top states" HAVING abs(sum(share_pct) - 100) > 1
