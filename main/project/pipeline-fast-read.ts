import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';
import { findGraphProblems } from '../../common/pipeline/graph';
import { PipelineSchema } from '../../common/pipeline/model';
import { parsePipelineFile, type PipelineParseResult } from '../../common/pipeline/pipeline-file';

/*
 * Opening a pipeline parses its file. The canonical reader (parsePipelineFile, the
 * `yaml` library's Document) keeps every node's position so that errors name their
 * line, and takes ~50 ms warm for a 500-node file (150–400 ms on a busy machine);
 * js-yaml reads the same file in ~3 ms. So a valid file is read here, and anything
 * this reader is not sure to read exactly as the canonical one does goes to the
 * canonical reader, which also words every error.
 */

// The YAML 1.2 core schema as the `yaml` library resolves plain scalars
// (node_modules/yaml/dist/schema/core), in its order. js-yaml's own core schema
// differs (it takes `1_000`, `+0x1F`, `0b101`). The tags are private, so no file
// can name these types (`!!int` and other explicit tags are unknown here).
const coreScalar = (name: string, test: RegExp, construct: (text: string) => unknown) =>
  new Type(`tag:sluice.invalid,2026:core-${name}`, { kind: 'scalar', resolve: (text: string) => test.test(text), construct });
const CORE_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [
    coreScalar('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
    coreScalar('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (text) => text[0] === 't' || text[0] === 'T'),
    coreScalar('int-oct', /^0o[0-7]+$/, (text) => parseInt(text.substring(2), 8)),
    coreScalar('int', /^[-+]?[0-9]+$/, (text) => parseInt(text, 10)),
    coreScalar('int-hex', /^0x[0-9a-fA-F]+$/, (text) => parseInt(text.substring(2), 16)),
    coreScalar('float-nan', /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (text) =>
      text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
    ),
    coreScalar('float-exp', /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (text) => parseFloat(text)),
    coreScalar('float', /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (text) => parseFloat(text)),
  ],
});

/** What js-yaml's listener sees of a node (its typings leave out tag and anchor). */
interface ClosedNode {
  line: number;
  position: number;
  kind: string | null;
  result: unknown;
  tag: string | null;
  anchor: string | null;
}

/**
 * The value of a YAML text, read fast, or undefined when the text uses anything
 * whose reading could differ from the canonical reader's: anchors and aliases
 * (the canonical reader limits them), tags, directives (`%YAML 1.1` changes the
 * schema), nulls (a null key becomes "" there, "null" here), collections as keys
 * (stringified differently), and anything js-yaml refuses (duplicate keys, bad
 * syntax, nesting deeper than 100).
 */
export function readPlainYaml(text: string): { value: unknown } | undefined {
  // A directive (`%YAML 1.1` changes the schema), document markers (`---a` is a scalar there), a tab at the
  // start of a line (indentation there, even before a top-level scalar), a carriage return without a line
  // feed (a line break for js-yaml, not there).
  if (/^(?:[%\t]|---|\.\.\.)/m.test(text) || /\r(?!\n)/.test(text)) return undefined;
  let plain = true;
  let collections = 0;
  const openedOnLine: number[] = [];
  const listener = (event: string, state: unknown) => {
    const node = state as ClosedNode;
    if (event === 'open') {
      openedOnLine.push(node.line);
      return;
    }
    const openLine = openedOnLine.pop();
    if (node.anchor !== null || node.result === null || (node.tag !== null && node.tag !== '?' && !node.tag.startsWith('tag:sluice.invalid,2026:'))) plain = false;
    if (node.kind === 'mapping' || node.kind === 'sequence') collections++;
    // A flow collection or quoted scalar over several lines (the canonical reader checks their indentation,
    // js-yaml does not) or with a comment stuck to its end (an error there).
    const last = text.charCodeAt(node.position - 1);
    if ((last === 0x5d /* ] */ || last === 0x7d /* } */ || last === 0x22 /* " */ || last === 0x27) /* ' */ && (openLine !== node.line || text.charCodeAt(node.position) === 0x23) /* # */) plain = false;
  };
  let value: unknown;
  try {
    value = load(text, { schema: CORE_SCHEMA, listener });
  } catch {
    return undefined;
  }
  // An empty text is undefined here, null there. Without aliases every collection is reached once from the root, unless it is a key.
  if (!plain || value === undefined || countCollections(value) !== collections) return undefined;
  return { value };
}

/** Collections in a value, or -1 if it holds a null (js-yaml adds an empty sequence entry without a close event). */
function countCollections(value: unknown): number {
  if (value === null) return -1;
  if (typeof value !== 'object') return 0;
  let count = 1;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const inner = countCollections(item);
    if (inner < 0) return -1;
    count += inner;
  }
  return count;
}

/**
 * Reads and validates a pipeline file with the same result as parsePipelineFile:
 * a valid file read fast, anything else (including every error, with its field,
 * node and line) by parsePipelineFile itself.
 */
export function parsePipelineFileFast(text: string): PipelineParseResult {
  const read = readPlainYaml(text);
  if (read) {
    const result = PipelineSchema.safeParse(read.value);
    if (result.success && findGraphProblems(result.data).length === 0) return { ok: true, pipeline: result.data };
  }
  return parsePipelineFile(text);
}
