import { z } from 'zod';
import { PipelineSchema } from './model';

/** The JSON Schema of the pipeline file, generated from the same zod schema that loading validates with. */
export function pipelineJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(PipelineSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://sluice.dev/schemas/pipeline-v1.json',
    title: 'Sluice pipeline file (version 1)',
    description: 'A *.sluice.yaml file. See docs/pipeline-format.md.',
  };
}
