import { describe, expect, it } from 'vitest';
import { columnIndex, columnLetter } from '../../shared/a1';

describe('A1 column letters', () => {
  it('maps the boundaries both ways', () => {
    const cases: [number, string][] = [
      [0, 'A'],
      [25, 'Z'],
      [26, 'AA'],
      [51, 'AZ'],
      [701, 'ZZ'],
      [702, 'AAA'],
      [16383, 'XFD'],
    ];
    for (const [i, s] of cases) {
      expect(columnLetter(i)).toBe(s);
      expect(columnIndex(s)).toBe(i);
      expect(columnIndex(s.toLowerCase())).toBe(i);
    }
  });

  it('round-trips every Excel column', () => {
    for (let i = 0; i < 16384; i++) expect(columnIndex(columnLetter(i))).toBe(i);
  });
});
