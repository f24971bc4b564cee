import { describe, expect, it } from 'vitest';
import { toCsv, toTsv } from './grid-clipboard';

describe('TSV', () => {
  it('joins cells with tabs and rows with newlines; NULL is empty', () => {
    expect(toTsv([['a', 1, null], ['b', 2.5, true]])).toBe('a\t1\t\nb\t2.5\ttrue');
  });

  it('quotes fields holding tabs, line breaks or quotes, doubling the quotes', () => {
    expect(toTsv([['x\ty', 'two\nlines', 'say "hi"', 'plain']])).toBe('"x\ty"\t"two\nlines"\t"say ""hi"""\tplain');
  });

  it('writes nested values as JSON (quoted, as they hold quotes) and puts the header first', () => {
    expect(toTsv([[[1, 2], { k: 'v' }]], ['list', 'struct'])).toBe('list\tstruct\n[1,2]\t"{""k"":""v""}"');
  });
});

describe('CSV', () => {
  it('follows RFC 4180: commas, quotes and line breaks are quoted, CRLF ends every line', () => {
    expect(toCsv([['a,b', 'say "hi"', 'x\r\ny', null, 3]], ['c1', 'c,2', 'c3', 'c4', 'c5'])).toBe('c1,"c,2",c3,c4,c5\r\n"a,b","say ""hi""","x\r\ny",,3\r\n');
  });

  it('leaves plain fields alone, tabs included', () => {
    expect(toCsv([['a\tb', 'ok']])).toBe('a\tb,ok\r\n');
  });
});
