import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { declaredCaseIds } from './support/case-ids';
import { BEGIN, DOC, END } from './report';

describe('docs/reliability.md', () => {
  it('has a row for every case the suite declares, and none for cases that are gone (run `npm run reliability:report`)', () => {
    const doc = readFileSync(DOC, 'utf8');
    const table = doc.slice(doc.indexOf(BEGIN), doc.indexOf(END));
    expect(table.length, 'the results markers').toBeGreaterThan(0);
    const rows = [...table.matchAll(/^\| ([A-Z]-[\w:-]+) \|/gm)].map((m) => m[1]!);
    const declared = declaredCaseIds();
    expect(declared.length).toBeGreaterThan(100);
    expect(declared.filter((id) => !rows.includes(id)), 'cases missing from the doc').toEqual([]);
    expect(rows.filter((id) => !declared.includes(id)), 'rows for cases that no longer exist').toEqual([]);
    expect(table, 'every recorded case passed in the run the doc shows').not.toContain('**FAIL**');
  });
});
