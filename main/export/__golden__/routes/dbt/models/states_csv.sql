{{ config(materialized='external', location="{{ sluice_output_location('out/top_states.csv') }}", format='csv', options={'header': true}) }}
-- Node "states csv" (sink.file)
SELECT * FROM {{ ref('top_states') }} AS "top states"
