import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import type { Preview } from '../../../common/contract/api';
import { columnsOf, previewSource, type CorpusCase } from './corpus';

const put = (file: string, contents: string | Buffer) => async ({ dir }: { dir: string }) => {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), contents);
};
const preview = (value: unknown) => value as Preview;
const rowsOf = (p: Preview) => p.columnData[0]?.length ?? 0;

const wide = `${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',')}\n${Array.from({ length: 10_000 }, (_, i) => i).join(',')}\n`;
const badRowAt = 99_999;
const longTail = `id,v\n${Array.from({ length: 100_000 }, (_, i) => `${i + 1},${i + 1 === badRowAt ? 'abc' : i}`).join('\n')}\n`;

/** Hostile data files, each previewed as a source node through the host. */
export const fileCases: CorpusCase[] = [
  { id: 'B-01', title: 'empty .csv (0 bytes)', setup: put('e.csv', ''), action: () => previewSource('e.csv'), expect: { error: { code: 'node-failed', node: 's' }, result: (v) => `${rowsOf(preview(v))} rows` } },
  { id: 'B-02', title: 'CSV with a header and no rows', setup: put('h.csv', 'a,b,c\n'), action: () => previewSource('h.csv'), expect: { result: (v) => (expect(preview(v).totalRows).toBe(0), `0 rows, columns ${columnsOf(preview(v)).join(',')}`) } },
  {
    id: 'B-03',
    title: 'CSV of blank lines only',
    setup: put('blank.csv', '\n\n\n\n'),
    action: () => previewSource('blank.csv'),
    expect: { error: { code: 'node-failed', node: 's' }, result: (v) => (expect(preview(v).columnData.flat().every((x) => x === null)).toBe(true), `${rowsOf(preview(v))} rows, all NULL`) },
  },
  {
    id: 'B-04',
    title: 'ragged CSV (a row with extra fields)',
    setup: put('ragged.csv', 'a,b\n1,2\n3,4,5,6\n7,8\n'),
    action: () => previewSource('ragged.csv'),
    expect: { error: { code: 'node-failed', node: 's', message: /s:/ }, result: (v) => `${rowsOf(preview(v))} rows, columns ${columnsOf(preview(v)).join(',')}` },
  },
  {
    id: 'B-05',
    title: 'CSV with an unclosed quote',
    setup: put('quote.csv', 'a,b\n1,"never closed\n2,3\n'),
    action: () => previewSource('quote.csv'),
    // Read in the no-quote dialect the sniffer falls back to: the quote is kept as text.
    expect: { error: { code: 'node-failed', node: 's' }, result: (v) => (expect(JSON.stringify(preview(v).columnData)).toContain('\\"never closed'), `${rowsOf(preview(v))} rows, quote kept as text`) },
  },
  { id: 'B-06', title: 'CSV with NUL bytes inside a field', setup: put('nul.csv', Buffer.from('a,b\n1,x\u0000y\n2,z\n')), action: () => previewSource('nul.csv'), expect: { error: { code: 'node-failed', node: 's' }, result: (v) => (expect(preview(v).columnData[0]).toEqual([1, 2]), `2 rows, field 1 = ${JSON.stringify(preview(v).columnData[1]![0])}`) } },
  {
    id: 'B-07',
    title: 'Latin-1 bytes (invalid UTF-8) in a CSV',
    setup: put('latin1.csv', Buffer.from([...Buffer.from('city\n'), 0x4d, 0xfc, 0x6e, 0x63, 0x68, 0x65, 0x6e, 0x0a])),
    action: () => previewSource('latin1.csv'),
    expect: { error: { code: 'node-failed', node: 's', message: /unicode|utf|encoding/i }, result: (v) => `${rowsOf(preview(v))} rows: ${JSON.stringify(preview(v).columnData[0])}` },
  },
  {
    id: 'B-08',
    title: 'UTF-16LE CSV with BOM',
    setup: put('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,2\n', 'utf16le')])),
    action: () => previewSource('utf16.csv'),
    expect: { error: { code: 'node-failed', node: 's' }, result: (v) => `${rowsOf(preview(v))} rows, columns ${JSON.stringify(columnsOf(preview(v)))}` },
  },
  {
    id: 'B-09',
    title: 'UTF-8 BOM before the header',
    setup: put('bom.csv', '\ufeffname,n\nx,1\n'),
    action: () => previewSource('bom.csv'),
    expect: { result: (v) => (expect(columnsOf(preview(v))).toEqual(['name', 'n']), 'BOM dropped, columns name,n') },
  },
  {
    id: 'B-10',
    title: 'CRLF and mixed CR/LF/CRLF line endings',
    setup: put('crlf.csv', 'a,b\r\n1,2\n3,4\r\n5,6\r\n'),
    action: () => previewSource('crlf.csv'),
    // Mixed endings in one file defeat DuckDB's dialect sniffer; its error names the file.
    expect: { error: { code: 'node-failed', node: 's', message: /crlf\.csv/ }, result: (v) => (expect(preview(v).columnData).toEqual([[1, 3, 5], [2, 4, 6]]), '3 rows, values exact') },
  },
  {
    id: 'B-11',
    title: '10,000-column CSV',
    setup: put('wide.csv', wide),
    action: () => previewSource('wide.csv'),
    expect: {
      result: (v) => {
        const p = preview(v);
        expect(p.columns).toHaveLength(10_000);
        expect(p.columnData[9_999]).toEqual([9_999]);
        return `10,000 columns, last value 9999, ${Math.round(p.durationMs)} ms in the engine`;
      },
    },
  },
  {
    id: 'B-12',
    title: 'a single 1 MB field',
    setup: put('big-field.csv', `id,text\n1,${'x'.repeat(1024 * 1024)}\n`),
    action: () => previewSource('big-field.csv'),
    expect: { result: (v) => (expect(String(preview(v).columnData[1]![0]).length).toBe(1024 * 1024), 'field of 1,048,576 characters returned whole') },
  },
  {
    id: 'B-13',
    title: 'a 3 MB line (over DuckDB’s default max_line_size)',
    setup: put('long-line.csv', `text\n${'y'.repeat(3 * 1024 * 1024)}\n`),
    action: () => previewSource('long-line.csv'),
    expect: { error: { code: 'node-failed', node: 's', message: /line|size/i }, result: (v) => `read whole: ${String(preview(v).columnData[0]![0]).length} characters` },
  },
  {
    id: 'B-14',
    title: 'duplicate and empty column names',
    setup: put('dups.csv', 'a,a,,a\n1,2,3,4\n'),
    action: () => previewSource('dups.csv'),
    expect: { result: (v) => (expect(new Set(columnsOf(preview(v))).size).toBe(4), `renamed to ${JSON.stringify(columnsOf(preview(v)))}`) },
  },
  {
    id: 'B-15',
    title: 'column names with quotes, semicolons, SQL keywords and emoji',
    setup: put('names.csv', '"x""y",select,"a;b DROP TABLE t; --",🦆,from\n1,2,3,4,5\n'),
    action: () => previewSource('names.csv'),
    expect: {
      result: (v) => {
        expect(columnsOf(preview(v))).toEqual(['x"y', 'select', 'a;b DROP TABLE t; --', '🦆', 'from']);
        expect(preview(v).columnData.map((c) => c[0])).toEqual([1, 2, 3, 4, 5]);
        return `columns kept verbatim: ${JSON.stringify(columnsOf(preview(v)))}`;
      },
    },
  },
  {
    id: 'B-16',
    title: '64 KB of random binary named .csv',
    setup: put('garbage.csv', Buffer.from(Array.from({ length: 65_536 }, (_, i) => (i * 7919 + 13) % 256))),
    action: () => previewSource('garbage.csv'),
    expect: { error: { code: 'node-failed', node: 's' }, result: (v) => `${rowsOf(preview(v))} rows of ${preview(v).columns.length} columns` },
  },
  {
    id: 'B-17',
    title: `100,000-row CSV with a bad value on line ${badRowAt + 1} (past the type sniffer's sample)`,
    setup: put('late-error.csv', longTail),
    action: () => ({ kind: 'run', pipeline: { version: 1, name: 'late', nodes: [{ name: 's', type: 'source.file', path: 'late-error.csv' }] } }),
    expect: { error: { code: 'node-failed', node: 's', message: /line|abc|convert|cast/i }, result: (v) => `run ${(v as { status: string }).status}` },
  },
  { id: 'B-18', title: 'TSV by extension', setup: put('t.tsv', 'a\tb\n1\t2\n'), action: () => previewSource('t.tsv'), expect: { result: (v) => (expect(preview(v).columnData).toEqual([[1], [2]]), 'tab-separated, 2 columns') } },
  { id: 'B-19', title: 'gzip CSV (.csv.gz)', setup: put('z.csv.gz', gzipSync('a\n1\n2\n')), action: () => previewSource('z.csv.gz'), expect: { result: (v) => (expect(preview(v).columnData).toEqual([[1, 2]]), 'decompressed, 2 rows') } },
  {
    id: 'B-20',
    title: 'gzip CSV cut in half (200,000 rows)',
    setup: async (ctx) => {
      const gz = gzipSync(`a,b\n${Array.from({ length: 200_000 }, (_, i) => `${i},${i * 2}`).join('\n')}\n`);
      await put('cut.csv.gz', gz.subarray(0, Math.floor(gz.length / 2)))(ctx);
    },
    action: () => ({ kind: 'run', pipeline: { version: 1, name: 'cut', nodes: [{ name: 's', type: 'source.file', path: 'cut.csv.gz' }] } }),
    expect: { error: { code: 'node-failed', node: 's' } },
  },
  {
    id: 'B-21',
    title: 'truncated Parquet (first 100 KB of flights-3m)',
    setup: async ({ dir }) => {
      const { readFile } = await import('node:fs/promises');
      const { VEGA_DATA } = await import('../../test-support/temp');
      await writeFile(path.join(dir, 'cut.parquet'), (await readFile(path.join(VEGA_DATA, 'flights-3m.parquet'))).subarray(0, 100_000));
    },
    action: () => previewSource('cut.parquet'),
    expect: { error: { code: 'node-failed', node: 's', message: /parquet|magic|file/i } },
  },
  { id: 'B-22', title: 'empty .parquet (0 bytes)', setup: put('empty.parquet', ''), action: () => previewSource('empty.parquet'), expect: { error: { code: 'node-failed', node: 's' } } },
  { id: 'B-23', title: 'CSV text named .parquet', setup: put('fake.parquet', 'a,b\n1,2\n'), action: () => previewSource('fake.parquet'), expect: { error: { code: 'node-failed', node: 's', message: /parquet|magic/i } } },
  { id: 'B-24', title: 'empty .json', setup: put('e.json', ''), action: () => previewSource('e.json'), expect: { error: { code: 'node-failed', node: 's' }, result: (v) => `${rowsOf(preview(v))} rows` } },
  {
    id: 'B-25',
    title: 'JSON nested 10,000 arrays deep',
    setup: put('deep.json', `${'['.repeat(10_000)}1${']'.repeat(10_000)}`),
    action: () => previewSource('deep.json'),
    expect: { error: { code: 'node-failed', node: 's' }, result: (v) => `${rowsOf(preview(v))} rows, type ${preview(v).columns[0]?.type.slice(0, 40)}…` },
  },
  {
    id: 'B-26',
    title: 'JSON objects nested 1,000 deep',
    setup: put('deep-objects.json', `${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`),
    action: () => previewSource('deep-objects.json'),
    expect: { error: { code: 'node-failed', node: 's' }, result: (v) => `${rowsOf(preview(v))} row(s), column ${columnsOf(preview(v))[0]}` },
  },
  { id: 'B-27', title: 'invalid JSON (trailing comma)', setup: put('bad.json', '[{"a": 1},]'), action: () => previewSource('bad.json'), expect: { error: { code: 'node-failed', node: 's', message: /json/i } } },
  {
    id: 'B-28',
    title: 'NDJSON whose field changes type line to line',
    setup: put('mixed.ndjson', '{"v": 1}\n{"v": "two"}\n{"v": [3]}\n{"v": {"four": 4}}\n{"v": null}\n'),
    action: () => previewSource('mixed.ndjson'),
    expect: { result: (v) => (expect(rowsOf(preview(v))).toBe(5), `5 rows, v typed ${preview(v).columns[0]?.type}`) },
  },
  { id: 'B-29', title: 'JSON that is a bare number', setup: put('scalar.json', '42'), action: () => previewSource('scalar.json'), expect: { error: { code: 'node-failed', node: 's' }, result: (v) => `${rowsOf(preview(v))} row: ${JSON.stringify(preview(v).columnData)}` } },
  {
    id: 'B-30',
    title: 'JSON object with 5,000 keys',
    setup: put('wide.json', JSON.stringify(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])))),
    action: () => previewSource('wide.json'),
    expect: {
      result: (v) => {
        const p = preview(v);
        const width = p.columns.length;
        // DuckDB keeps very wide objects as one JSON (or MAP) column instead of 5,000 columns.
        if (width === 1) expect(JSON.stringify(p.columnData[0]![0])).toContain('k4999');
        else expect(width).toBe(5000);
        return width === 1 ? `one ${p.columns[0]!.type} column holding all 5,000 keys` : '5,000 columns';
      },
    },
  },
  { id: 'B-31', title: 'missing source file', action: () => previewSource('data/nope.csv'), expect: { error: { code: ['node-failed', 'not-found'], node: 's', message: /nope\.csv/ } } },
  { id: 'B-32', title: 'a folder as source path', setup: async ({ dir }) => void (await mkdir(path.join(dir, 'folder.csv'))), action: () => previewSource('folder.csv'), expect: { error: { code: 'node-failed', node: 's' } } },
  { id: 'B-33', title: 'glob that matches nothing', action: () => previewSource('data/*.nomatch.csv'), expect: { error: { code: 'node-failed', node: 's', message: /no files|nomatch/i } } },
  { id: 'B-34', title: 'unknown extension without a format', setup: put('data.xyz', 'a\n1\n'), action: () => previewSource('data.xyz'), expect: { error: { code: 'node-failed', node: 's', message: /format/i } } },
  {
    id: 'B-35',
    title: 'file name with quotes, semicolons, spaces and emoji',
    setup: put(`we'ird "na;me" 🦆.csv`, 'a\n7\n'),
    action: () => previewSource(`we'ird "na;me" 🦆.csv`),
    expect: { result: (v) => (expect(preview(v).columnData).toEqual([[7]]), 'read through the quoted literal, value 7') },
  },
  {
    id: 'B-36',
    title: "file name that is an injection attempt: x'); COPY (SELECT 1) TO 'pwned.csv'; --.csv",
    setup: put(`x'); COPY (SELECT 1) TO 'pwned.csv'; --.csv`, 'a\n8\n'),
    action: () => previewSource(`x'); COPY (SELECT 1) TO 'pwned.csv'; --.csv`),
    expect: { result: (v) => (expect(preview(v).columnData).toEqual([[8]]), 'read as a file name, value 8') },
    after: async ({ dir }) => {
      const { existsSync } = await import('node:fs');
      expect(existsSync(path.join(dir, 'pwned.csv'))).toBe(false);
      expect(existsSync(path.join(process.cwd(), 'pwned.csv'))).toBe(false);
    },
  },
  {
    id: 'B-37',
    title: 'symlink loop as source',
    setup: async ({ dir }) => {
      await symlink(path.join(dir, 'loop-b.csv'), path.join(dir, 'loop-a.csv'));
      await symlink(path.join(dir, 'loop-a.csv'), path.join(dir, 'loop-b.csv'));
    },
    action: () => previewSource('loop-a.csv'),
    expect: { error: { code: 'node-failed', node: 's' } },
  },
  {
    id: 'B-38',
    title: 'named pipe (FIFO) with no writer as source',
    setup: async ({ dir }) => void execFileSync('mkfifo', [path.join(dir, 'pipe.csv')]),
    action: () => previewSource('pipe.csv'),
    expect: { error: { code: ['node-failed', 'cancelled', 'engine-crashed'], node: 's' } },
  },
  { id: 'B-39', title: '/dev/zero as source', action: () => previewSource('/dev/zero', { format: 'csv' }), expect: { error: { code: 'node-failed', node: 's' } } },
];
