/** The reply every host sends for every call: a value, or a typed error. */
export type ErrorCode =
  | 'invalid-input'
  | 'unknown-method'
  | 'forbidden'
  | 'not-found'
  | 'unsupported'
  | 'pipeline-invalid'
  | 'node-failed'
  | 'cancelled'
  | 'engine-crashed'
  | 'io-error'
  | 'internal';

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** Pipeline node the error belongs to, when there is one. */
  node?: string;
  /** Where in a file the error is, when known (1-based). */
  file?: string;
  line?: number;
  column?: number;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly body: ApiErrorBody;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.body = body;
  }
}

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, extra: Omit<ApiErrorBody, 'code' | 'message'> = {}): Envelope<never> {
  return { ok: false, error: { code, message, ...extra } };
}

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new ApiError(envelope.error);
}

/** Turns anything thrown into a typed error body without leaking stack traces. */
export function toErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ApiError) return error.body;
  if (error instanceof Error) return { code: 'internal', message: error.message };
  return { code: 'internal', message: String(error) };
}
