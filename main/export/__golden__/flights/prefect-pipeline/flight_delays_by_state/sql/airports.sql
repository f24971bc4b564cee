-- Node "airports" (source.file)
-- US airports with IATA code and state
SELECT * FROM read_csv(getvariable('sluice_data_root') || '/data/airports.csv')
