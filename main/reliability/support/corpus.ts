import type { ErrorCode } from '../../../common/contract/envelope';
import type { Preview, RunReport } from '../../../common/contract/api';
import type { Pipeline, PipelineNode } from '../../../common/pipeline/model';

/** What a corpus case asks of the host, through host.dispatch like the renderer would. */
export type CorpusAction =
  | { kind: 'preview'; pipeline: Pipeline; node: string; limit?: number }
  | { kind: 'run'; pipeline: Pipeline }
  | { kind: 'load'; path: string }
  | { kind: 'save'; path: string; pipeline: Pipeline };

export interface CorpusContext {
  /** The project folder the case's files live in (fresh per case). */
  dir: string;
  /** A folder beside the project that nothing may write into. */
  outside: string;
}

/** A clear error: its code, and words the message must contain (the node, the file, the reason). */
export interface ExpectedError {
  code: ErrorCode | ErrorCode[];
  message?: RegExp;
  node?: string;
  line?: number;
}

export interface CorpusCase {
  id: string;
  title: string;
  /** Writes the hostile input into the project folder. */
  setup?: (ctx: CorpusContext) => Promise<void>;
  action: (ctx: CorpusContext) => CorpusAction;
  /**
   * Either outcome the case accepts. `error` for a failed call or a failed node
   * of a run; `result` checks a correct answer and returns what it saw.
   */
  expect: { error?: ExpectedError; result?: (value: Preview | RunReport | unknown, ctx: CorpusContext) => Promise<string> | string };
  /** After either outcome: nothing written where it must not be. */
  after?: (ctx: CorpusContext) => Promise<void>;
}

export const source = (path: string, extra: Partial<PipelineNode> = {}): PipelineNode =>
  ({ name: 's', type: 'source.file', path, ...extra }) as PipelineNode;

export const sql = (name: string, inputs: string[], text: string): PipelineNode => ({ name, type: 'transform.sql', inputs, sql: text });

export const pipelineOf = (...nodes: PipelineNode[]): Pipeline => ({ version: 1, name: 'corpus', nodes });

/** A preview of the source node `s` reading `path`. */
export const previewSource = (path: string, extra: Partial<PipelineNode> = {}): CorpusAction => ({
  kind: 'preview',
  pipeline: pipelineOf(source(path, extra)),
  node: 's',
  limit: 5,
});

export function columnsOf(preview: Preview): string[] {
  return preview.columns.map((c) => c.name);
}
