import { ApiError } from '../../common/contract/envelope';
import type { Param, ParamType, Pipeline } from '../../common/pipeline/model';
import { quoteIdentifier, quoteLiteral } from './sql-text';

export type ParamValue = string | number | boolean;

export interface ResolvedParam {
  name: string;
  type: ParamType;
  value: ParamValue;
  /** The value as a typed SQL literal, e.g. `DATE '2001-01-10'`. */
  sql: string;
}

export function paramType(param: Param): ParamType {
  if (param.type) return param.type;
  if (typeof param.default === 'boolean') return 'boolean';
  if (typeof param.default === 'number') return Number.isInteger(param.default) ? 'integer' : 'number';
  return 'string';
}

function invalid(name: string, message: string): ApiError {
  return new ApiError({ code: 'invalid-input', message: `parameter ${name}: ${message}` });
}

/** Turns a value (a default, or text from `--param k=v` / the UI) into a typed SQL literal. */
export function paramLiteral(name: string, type: ParamType, raw: ParamValue): { value: ParamValue; sql: string } {
  const text = String(raw).trim();
  switch (type) {
    case 'string':
      return { value: String(raw), sql: quoteLiteral(String(raw)) };
    case 'integer':
      if (!/^-?\d{1,18}$/.test(text)) throw invalid(name, `expected a whole number, got "${text}"`);
      return { value: Number(text), sql: text };
    case 'number': {
      const n = Number(text);
      if (text === '' || !Number.isFinite(n)) throw invalid(name, `expected a number, got "${text}"`);
      return { value: n, sql: `CAST(${quoteLiteral(String(n))} AS DOUBLE)` };
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (!['true', 'false', '1', '0', 'yes', 'no'].includes(lower)) throw invalid(name, `expected true or false, got "${text}"`);
      const value = ['true', '1', 'yes'].includes(lower);
      return { value, sql: value ? 'TRUE' : 'FALSE' };
    }
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw invalid(name, `expected a date like 2001-01-31, got "${text}"`);
      return { value: text, sql: `DATE ${quoteLiteral(text)}` };
    case 'timestamp':
      if (!/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?$/.test(text)) {
        throw invalid(name, `expected a timestamp like 2001-01-31 12:00:00, got "${text}"`);
      }
      return { value: text, sql: `TIMESTAMP ${quoteLiteral(text.replace('T', ' '))}` };
  }
}

/** The pipeline's parameters with the overrides applied; an override the pipeline does not declare is an error. */
export function resolveParams(pipeline: Pipeline, overrides: Record<string, ParamValue> = {}): ResolvedParam[] {
  const declared = pipeline.params ?? {};
  for (const name of Object.keys(overrides)) {
    if (!(name in declared)) {
      const known = Object.keys(declared);
      throw new ApiError({
        code: 'invalid-input',
        message: `unknown parameter "${name}"; ${known.length > 0 ? `this pipeline declares: ${known.join(', ')}` : 'this pipeline declares no parameters'}`,
      });
    }
  }
  return Object.entries(declared).map(([name, param]) => {
    const type = paramType(param);
    const raw = name in overrides ? overrides[name]! : param.default;
    return { name, type, ...paramLiteral(name, type, raw) };
  });
}

export function setVariableStatement(param: ResolvedParam): string {
  return `SET VARIABLE ${quoteIdentifier(param.name)} = ${param.sql}`;
}

/** The parameters a compiled relation reads through getvariable('name'). */
export function paramsUsedBy(sql: string, params: readonly ResolvedParam[]): ResolvedParam[] {
  return params.filter((p) => new RegExp(`getvariable\\s*\\(\\s*'${p.name}'\\s*\\)`, 'i').test(sql));
}

/** Values of the run, as text, for the run report and history. */
export function paramValues(params: readonly ResolvedParam[]): Record<string, string> {
  return Object.fromEntries(params.map((p) => [p.name, String(p.value)]));
}
