import { describe, expect, it } from 'vitest';
import { qualifierBefore, qualifierTarget } from './sql-aliases';

const inputs = ['delayed_flights', 'airports', 'My Table'];
const sql = 'SELECT f., a. FROM delayed_flights AS f JOIN airports a ON a.iata = f.origin LEFT JOIN "My Table" t USING (x)';

describe('qualifiers in completion', () => {
  it('maps aliases and input names to inputs', () => {
    expect(qualifierTarget(sql, 'f', inputs)).toBe('delayed_flights');
    expect(qualifierTarget(sql, 'A', inputs)).toBe('airports');
    expect(qualifierTarget(sql, 't', inputs)).toBe('My Table');
    expect(qualifierTarget(sql, 'airports', inputs)).toBe('airports');
    expect(qualifierTarget(sql, '"My Table"', inputs)).toBe('My Table');
    expect(qualifierTarget(sql, 'x', inputs)).toBeNull();
    // A keyword after the table is no alias.
    expect(qualifierTarget('SELECT on. FROM airports ON true', 'on', inputs)).toBeNull();
  });

  it('finds the identifier before the dot the cursor follows', () => {
    expect(qualifierBefore('SELECT f.')).toBe('f');
    expect(qualifierBefore('SELECT "My Table".')).toBe('"My Table"');
    expect(qualifierBefore('SELECT f')).toBeNull();
  });
});
