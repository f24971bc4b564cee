-- Node "shares add up" (check.sql)
-- Reads: top states
SELECT sum(share_pct) AS total FROM "top states" HAVING abs(sum(share_pct) - 100) > 1
