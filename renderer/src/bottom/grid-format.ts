import type { Column, JsonValue, Preview } from '../../../common/contract/api';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL|REAL)/i;

export function isNumericType(type: string): boolean {
  return NUMERIC.test(type);
}

/** Text of one cell; NULL is told apart from the string "NULL" by the caller's styling. */
export function formatCell(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const CHAR_WIDTH = 7.4;
const MIN_WIDTH = 72;
const MAX_WIDTH = 360;
const SAMPLE_ROWS = 200;

/** Column widths from the header and a sample of the values, so wide text does not push everything off screen. */
export function columnWidths(preview: Preview): number[] {
  return preview.columns.map((column: Column, index) => {
    const values = preview.columnData[index] ?? [];
    let longest = Math.max(column.name.length + 2, column.type.length);
    for (let row = 0; row < Math.min(values.length, SAMPLE_ROWS); row++) longest = Math.max(longest, formatCell(values[row]).length);
    return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest * CHAR_WIDTH + 20)));
  });
}

const FLOAT = /^(FLOAT|DOUBLE|REAL)/i;
const TEMPORAL = /^(DATE|TIME|TIMESTAMP|INTERVAL)/i;

/**
 * The text a cell shows: floats without binary noise (0.1 + 0.2 shows 0.3;
 * copies keep the full value), everything else as formatCell.
 */
export function formatGridValue(value: JsonValue | undefined, type: string): string {
  if (typeof value === 'number' && FLOAT.test(type) && !Number.isInteger(value)) return String(Number(value.toPrecision(12)));
  return formatCell(value);
}

/** Class names by type and value: numbers right-aligned, dates in tabular figures, NULL dimmed. */
export function cellClass(value: JsonValue | undefined, type: string): string {
  let name = 'grid__cell';
  if (isNumericType(type)) name += ' is-numeric';
  else if (TEMPORAL.test(type)) name += ' is-temporal';
  else if (/^BOOL/i.test(type)) name += ' is-boolean';
  if (value === null) name += ' is-null';
  return name;
}
