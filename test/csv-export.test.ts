import { describe, expect, it } from 'vitest';
import { excelCsv } from '../src/lib/csv-export.js';

describe('excelCsv', () => {
  it('writes what Excel in Germany opens: BOM, semicolons, CRLF', () => {
    expect(excelCsv(['A', 'B'], [['ä', 'x;y']])).toBe('\uFEFFA;B\r\nä;"x;y"\r\n');
  });

  it('defuses cells Excel would run as formulas, but keeps the statistics\' lone "-" (nothing)', () => {
    const csv = excelCsv(['Wert'], [['=1+1'], ['+49'], ['-1'], ['@SUM(A1)'], ['-'], ['.'], ['…']]);
    expect(csv.split('\r\n').slice(1, -1)).toEqual(["'=1+1", "'+49", "'-1", "'@SUM(A1)", '-', '.', '…']);
  });
});
