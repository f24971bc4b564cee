-- Node "flights" (source.file)
-- 3 million US domestic flights, 2001
SELECT * FROM read_parquet(getvariable('sluice_data_root') || '/data/flights-3m.parquet')
