import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchDirectory } from '../src/directory/search/index.js';
import { tidyWords } from '../src/synonyms/synonyms.js';
import { adminHarness } from './helpers/admin.js';
import type { Browser, TestHarness } from './helpers/app.js';
import { addEntry } from './helpers/directory.js';

// The staff's synonym list for the directory search (issue #21): /admin/search-synonyms.

let h: TestHarness;
let ada: Browser;
let sek: Browser;
let mia: Browser;

beforeAll(async () => {
  ({ h, who: { ada, sek, mia } } = await adminHarness());
  await addEntry(h.db, { name: 'Schachclub Königsspringer', offers: 'Schach für alle' });
});
afterAll(() => h.close());

const groups = async () => (await h.db.selectFrom('search_synonyms').select(['id', 'words']).orderBy('id').execute());
const found = async (q: string) => (await searchDirectory(h.db, { q }, { page: 1, pageSize: 20 })).rows.map((r) => r.name);
const audits = async (action: string) => h.db.selectFrom('audit_log').select(['actor_user_id', 'before_json', 'after_json']).where('action', '=', action).execute();

describe('search synonyms', () => {
  it('shows the seeded groups to the staff, and only to them', async () => {
    const html = await (await sek.get('/admin/search-synonyms')).text();
    expect(html).toContain('Sprachkurs ~ Deutschkurs ~ Integrationskurs');
    expect((await mia.get('/admin/search-synonyms')).status).toBe(403);
    expect((await h.browser().get('/admin/search-synonyms')).status).toBe(303);
    expect(await (await ada.get('/admin')).text()).toContain('href="/admin/search-synonyms"');
    expect(await (await mia.post('/admin/search-synonyms', { words: 'Schach ~ Brettspiel' })).status).toBe(403);
  });

  it('adds a group that the search follows at once, and audits it', async () => {
    expect(await found('Brettspiel')).toEqual([]);
    const res = await sek.post('/admin/search-synonyms', { words: ' Schach ,  Brettspiel ~ schach ' });
    expect(res.status).toBe(303);
    const added = (await groups()).at(-1)!;
    // Tidied: trimmed, one separator, a word repeated (after folding) kept once.
    expect(added.words).toBe('Schach ~ Brettspiel');
    expect(await found('Brettspiele')).toEqual(['Schachclub Königsspringer']);
    expect((await audits('search_synonym.create')).map((a) => JSON.parse(a.after_json!))).toEqual([{ words: 'Schach ~ Brettspiel' }]);
    const log = await (await ada.get('/admin/audit')).text();
    expect(log).toContain('Schach ~ Brettspiel');
  });

  it('refuses a group of fewer than two words, keeping what was typed', async () => {
    const before = await groups();
    for (const words of ['', 'Schach', 'Schach ~ schach', '!!! ~ ???', 'x'.repeat(501)]) {
      const res = await sek.post('/admin/search-synonyms', { words });
      expect(res.status, words).toBe(422);
      const html = await res.text();
      expect(html).toContain('error-summary');
    }
    expect(await groups()).toEqual(before);
  });

  it('edits a group in its own row and deletes it, each audited', async () => {
    const group = (await groups()).find((g) => g.words.startsWith('Schach'))!;
    const refused = await sek.post(`/admin/search-synonyms/${group.id}`, { words: 'Schach' });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    // The error stands in that group's row: its field holds what was typed.
    expect(html).toContain(`id="synonyms-${group.id}-words"`);
    expect(html).toContain(`href="#synonyms-${group.id}-words"`);
    expect((await sek.post(`/admin/search-synonyms/${group.id}`, { words: 'Schach ~ Denksport' })).status).toBe(303);
    expect(await found('Brettspiel')).toEqual([]);
    expect(await found('Denksport')).toEqual(['Schachclub Königsspringer']);
    expect((await audits('search_synonym.update')).map((a) => [JSON.parse(a.before_json!), JSON.parse(a.after_json!)])).toEqual([[{ words: 'Schach ~ Brettspiel' }, { words: 'Schach ~ Denksport' }]]);
    expect((await sek.post(`/admin/search-synonyms/${group.id}/delete`, {})).status).toBe(303);
    expect(await found('Denksport')).toEqual([]);
    expect(await audits('search_synonym.delete')).toHaveLength(1);
    expect((await sek.post(`/admin/search-synonyms/${group.id}/delete`, {})).status).toBe(404);
    expect((await sek.post(`/admin/search-synonyms/${group.id}`, { words: 'a ~ b' })).status).toBe(404);
  });

  it('tidies the words as typed', () => {
    expect(tidyWords('Kita;Kindertagesstätte\nKITA, kindergarten')).toBe('Kita ~ Kindertagesstätte ~ kindergarten');
  });
});
