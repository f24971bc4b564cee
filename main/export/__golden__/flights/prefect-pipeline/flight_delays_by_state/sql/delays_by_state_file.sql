-- Node "delays_by_state_file" (sink.file)
-- Reads: delays_by_state
SELECT * FROM "delays_by_state"
