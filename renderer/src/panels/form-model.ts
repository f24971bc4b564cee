import { z } from 'zod';
import { PipelineNodeSchema } from '../../../common/pipeline/node-schemas';
import type { PipelineNode } from '../../../common/pipeline/model';

/**
 * The side panel's form of a node, derived from the node type's zod schema (via
 * its JSON Schema), so every node type of the catalog gets a form and a new field
 * appears without UI code. Validation uses the zod schema itself: the messages
 * shown next to fields are the ones a file load would give.
 */
export type FieldModel =
  | { kind: 'inputs'; min: number; max: number | null }
  | { kind: 'string'; pattern?: string }
  | { kind: 'sql' }
  | { kind: 'number'; integer: boolean; min?: number; max?: number }
  | { kind: 'enum'; options: string[] }
  | { kind: 'boolean' }
  | { kind: 'scalar' }
  | { kind: 'list'; item: FieldModel; min: number; max: number | null }
  | { kind: 'record'; value: FieldModel }
  | { kind: 'object'; fields: FormField[] }
  | { kind: 'union'; variants: { label: string; model: FieldModel }[] }
  | { kind: 'json' };

export interface FormField {
  key: string;
  label: string;
  required: boolean;
  model: FieldModel;
}

export interface NodeFormModel {
  type: string;
  fields: FormField[];
}

type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  pattern?: string;
};

// The name is edited by renaming on the canvas; the type never changes in place.
const NOT_IN_FORM = new Set(['name', 'type']);
// JSON Schema writes "no bound" for z.number().int() as the largest safe integer.
const NO_BOUND = Number.MAX_SAFE_INTEGER;

export function fieldLabel(key: string): string {
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function fieldModel(key: string, schema: JsonSchema): FieldModel {
  if (key === 'inputs') return { kind: 'inputs', min: schema.minItems ?? 0, max: schema.maxItems ?? null };
  if (key === 'sql') return { kind: 'sql' };
  return valueModel(schema);
}

function valueModel(schema: JsonSchema): FieldModel {
  if (schema.anyOf) {
    const variants = schema.anyOf.map((variant) => ({ label: variantLabel(variant), model: valueModel(variant) }));
    return variants.some((v) => v.model.kind === 'json') ? { kind: 'json' } : { kind: 'union', variants };
  }
  if (Array.isArray(schema.type)) return schema.type.every((t) => ['string', 'number', 'boolean'].includes(t)) ? { kind: 'scalar' } : { kind: 'json' };
  switch (schema.type) {
    case 'string':
      if (schema.enum) return { kind: 'enum', options: schema.enum.map(String) };
      return schema.pattern ? { kind: 'string', pattern: schema.pattern } : { kind: 'string' };
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (schema.type === 'integer' ? 1 : 0) : undefined);
      const max = schema.maximum !== undefined && schema.maximum < NO_BOUND ? schema.maximum : undefined;
      return { kind: 'number', integer: schema.type === 'integer', ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
    }
    case 'boolean':
      return { kind: 'boolean' };
    case 'array':
      return schema.items ? { kind: 'list', item: valueModel(schema.items), min: schema.minItems ?? 0, max: schema.maxItems ?? null } : { kind: 'json' };
    case 'object':
      if (schema.properties) return { kind: 'object', fields: objectFields(schema) };
      if (typeof schema.additionalProperties === 'object') return { kind: 'record', value: valueModel(schema.additionalProperties) };
      return { kind: 'json' };
    default:
      return { kind: 'json' };
  }
}

function variantLabel(schema: JsonSchema): string {
  if (schema.type === 'object') return 'details';
  if (schema.enum) return 'preset';
  return schema.type === 'string' ? 'name' : String(schema.type ?? 'value');
}

function objectFields(schema: JsonSchema, node = false): FormField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .filter(([key]) => !node || !NOT_IN_FORM.has(key))
    .map(([key, property]) => ({ key, label: fieldLabel(key), required: required.has(key), model: node ? fieldModel(key, property) : valueModel(property) }));
}

const nodeSchemas = new Map<string, z.ZodType>(
  PipelineNodeSchema.options.map((schema) => [String((schema.shape.type as z.ZodLiteral<string>).value), schema as z.ZodType]),
);
const formCache = new Map<string, NodeFormModel>();

/** The form of a node type; null for a type the catalog does not have. */
export function nodeFormModel(type: string): NodeFormModel | null {
  const cached = formCache.get(type);
  if (cached) return cached;
  const schema = nodeSchemas.get(type);
  if (!schema) return null;
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const model = { type, fields: objectFields(json, true) };
  formCache.set(type, model);
  return model;
}

export function nodeTypesWithForms(): string[] {
  return [...nodeSchemas.keys()];
}

/** The value a new list item (or a newly required field) starts with. */
export function emptyValue(model: FieldModel): unknown {
  switch (model.kind) {
    case 'number':
      return model.min ?? 0;
    case 'enum':
      return model.options[0] ?? '';
    case 'boolean':
      return false;
    case 'inputs':
    case 'list':
      return [];
    case 'record':
      return {};
    case 'object':
      return Object.fromEntries(model.fields.filter((f) => f.required).map((f) => [f.key, emptyValue(f.model)]));
    case 'union':
      return emptyValue(model.variants[0]!.model);
    default:
      return '';
  }
}

/** Which variant of a union a value is (a string is the name variant, an object the details). */
export function variantIndex(model: Extract<FieldModel, { kind: 'union' }>, value: unknown): number {
  const index = model.variants.findIndex(({ model: variant }) => {
    if (variant.kind === 'object' || variant.kind === 'record') return typeof value === 'object' && value !== null && !Array.isArray(value);
    if (variant.kind === 'enum') return typeof value === 'string' && variant.options.includes(value);
    if (variant.kind === 'number') return typeof value === 'number';
    if (variant.kind === 'boolean') return typeof value === 'boolean';
    return typeof value === 'string';
  });
  return Math.max(0, index);
}

/**
 * Accepted values are strings, numbers or booleans: `12` and `true` are typed as
 * such, `"12"` (quoted) stays text, anything else is text.
 */
export function parseScalar(text: string): string | number | boolean {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (trimmed !== '' && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/u.test(trimmed)) return Number(trimmed);
  const quoted = /^"(.*)"$/su.exec(text);
  return quoted ? quoted[1]! : text;
}

export function formatScalar(value: unknown): string {
  if (typeof value !== 'string') return String(value);
  return typeof parseScalar(value) === 'string' && !/^".*"$/su.test(value) ? value : `"${value}"`;
}

/** A path into the node as the form names it: `columns.0`, `aggregates.1.function`. */
export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** The schema's messages by path (`''` for the node as a whole); empty when the node is valid. */
export function validateNode(node: unknown): Map<string, string> {
  const result = PipelineNodeSchema.safeParse(node);
  const issues = new Map<string, string>();
  if (result.success) return issues;
  for (const issue of result.error.issues) {
    let { path, message } = issue;
    // A union reports "Invalid input"; the closest variant's own message says what is wrong.
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]![0];
      if (closest) {
        path = [...path, ...closest.path];
        message = closest.message;
      }
    }
    const key = pathKey(path);
    if (!issues.has(key)) issues.set(key, message);
  }
  return issues;
}

/** Top-level keys whose values differ: what a patch to the document store carries. */
export function changedFields(before: PipelineNode, after: PipelineNode): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (NOT_IN_FORM.has(key)) continue;
    const a = (before as Record<string, unknown>)[key];
    const b = (after as Record<string, unknown>)[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) patch[key] = b;
  }
  return patch;
}

/** Sets a value at a path, copying along the way; `undefined` removes an object key. */
export function setAtPath(target: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(target)) {
    const copy = [...target];
    copy[head as number] = setAtPath(copy[head as number], rest, value);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(target as Record<string, unknown> | undefined) };
  const next = setAtPath(copy[head as string], rest, value);
  if (next === undefined) delete copy[head as string];
  else copy[head as string] = next;
  return copy;
}

/** Nodes that read `name`, directly or not: picking one as an input would make a cycle. */
export function downstreamOf(nodes: readonly PipelineNode[], name: string): Set<string> {
  const readers = new Map<string, string[]>();
  for (const node of nodes) {
    for (const input of 'inputs' in node ? node.inputs : []) readers.set(input, [...(readers.get(input) ?? []), node.name]);
  }
  const seen = new Set<string>();
  const queue = [name];
  while (queue.length > 0) {
    for (const reader of readers.get(queue.pop()!) ?? []) {
      if (!seen.has(reader)) {
        seen.add(reader);
        queue.push(reader);
      }
    }
  }
  return seen;
}
