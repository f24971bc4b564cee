// Regenerates docs/pipeline.schema.json from the zod schema (npm run schema).
import { writeFileSync } from 'node:fs';
import { pipelineJsonSchema } from '../common/pipeline/json-schema';

writeFileSync('docs/pipeline.schema.json', `${JSON.stringify(pipelineJsonSchema(), null, 2)}\n`);
