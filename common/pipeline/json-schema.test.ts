import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pipelineJsonSchema } from './json-schema';

describe('pipeline JSON Schema', () => {
  it('docs/pipeline.schema.json is up to date with the model (run `npm run schema`)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../docs/pipeline.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(pipelineJsonSchema());
  });
});
