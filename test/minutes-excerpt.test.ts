import { describe, expect, it } from 'vitest';
import { excerpt } from '../src/minutes/search.js';

describe('excerpt of a search hit', () => {
  it('keeps short text whole and drops the light markup', () => {
    expect(excerpt('Der **Bericht** steht [hier](https://example.org).', 'bericht')).toBe('Der Bericht steht hier.');
    expect(excerpt('# Bericht\n\n2. Lesung *beschlossen*\n3. weiter\n\n- <b>x</b>', 'lesung')).toBe('Bericht 2. Lesung beschlossen 3. weiter <b>x</b>');
  });

  it('cuts long text around the first word found, at spaces', () => {
    const text = `${'Anfang '.repeat(60)}Sprachkurs in Hilden ${'Ende '.repeat(60)}`;
    const cut = excerpt(text, 'sprachkurs', 120);
    expect(cut).toContain('Sprachkurs in Hilden');
    expect(cut.startsWith('… ')).toBe(true);
    expect(cut.endsWith(' …')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(126);
    const words = new Set(cut.split(' ').filter((w) => w !== '…'));
    expect([...words].every((w) => ['Anfang', 'Sprachkurs', 'in', 'Hilden', 'Ende'].includes(w))).toBe(true);
  });
});
