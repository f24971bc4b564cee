-- Node "airports" (source.file)
SELECT * FROM read_csv(getvariable('sluice_data_root') || '/data/airports.csv')
