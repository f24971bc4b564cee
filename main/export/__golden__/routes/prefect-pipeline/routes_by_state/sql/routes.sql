-- Node "routes" (source.file)
-- origin, destination and number of flights (vega-datasets)
SELECT * FROM read_csv(getvariable('sluice_data_root') || '/data/flights-airport.csv')
