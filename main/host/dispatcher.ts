import {
  apiMethodNames,
  apiMethods,
  methodByChannel,
  type ApiMethodName,
  type MethodOutput,
  type MethodParsedInput,
} from '../../common/contract/api';
import { fail, ok, toErrorBody, type Envelope } from '../../common/contract/envelope';
import { formatProblemPath } from '../../common/pipeline/pipeline-file';

export type ApiHandlers = {
  [K in ApiMethodName]: (input: MethodParsedInput<K>) => Promise<MethodOutput<K>>;
};

/** Fails at startup when a contract entry has no handler. */
export function assertEveryMethodHandled(handlers: Partial<Record<string, unknown>>): asserts handlers is ApiHandlers {
  const missing = apiMethodNames.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw new Error(`no handler for contract methods: ${missing.join(', ')}`);
  const extra = Object.keys(handlers).filter((name) => !(apiMethodNames as string[]).includes(name));
  if (extra.length > 0) throw new Error(`handlers that are not in the contract: ${extra.join(', ')}`);
}

export type Dispatch = (channel: string, rawInput: unknown) => Promise<Envelope<unknown>>;

/**
 * The one choke point every renderer call passes through, from IPC and HTTP
 * alike: find the contract entry, validate the payload, run the handler, and
 * answer with an envelope. Nothing from the renderer reaches a handler unchecked.
 */
export function createDispatcher(handlers: ApiHandlers): Dispatch {
  assertEveryMethodHandled(handlers);
  return async (channel, rawInput) => {
    const name = typeof channel === 'string' ? methodByChannel(channel) : undefined;
    if (!name) return fail('unknown-method', `unknown method: ${String(channel).slice(0, 100)}`);
    let parsed: ReturnType<(typeof apiMethods)[typeof name]['input']['safeParse']>;
    try {
      parsed = apiMethods[name].input.safeParse(rawInput ?? {});
    } catch (error) {
      // Recursive schemas overflow the stack on payloads nested thousands deep: that is bad input, not a crash.
      return fail('invalid-input', `${channel}: invalid input: ${error instanceof RangeError ? 'nested too deeply' : (error as Error).message}`);
    }
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.length > 0 ? ` at ${formatProblemPath(issue.path)}` : '';
      const node = nodeAt(rawInput, issue.path);
      return fail('invalid-input', `${channel}: invalid input${where}${node ? ` (node "${node}")` : ''}: ${issue.message}`, node ? { node } : {});
    }
    try {
      const handler = handlers[name] as (input: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (error) {
      return { ok: false, error: toErrorBody(error) };
    }
  };
}

/** The name of the pipeline node a problem path points into (`pipeline.nodes[3]...`), so the UI can mark that node. */
function nodeAt(input: unknown, problemPath: readonly PropertyKey[]): string | undefined {
  if (problemPath[0] !== 'pipeline' || problemPath[1] !== 'nodes' || typeof problemPath[2] !== 'number') return undefined;
  const nodes = (input as { pipeline?: { nodes?: unknown } } | null)?.pipeline?.nodes;
  const name = Array.isArray(nodes) ? (nodes[problemPath[2]] as { name?: unknown } | undefined)?.name : undefined;
  return typeof name === 'string' && name.length > 0 && name.length <= 128 ? name : undefined;
}
