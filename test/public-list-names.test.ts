import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createUser, TEST_PASSWORD, type TestHarness } from './helpers/app.js';
import { addEntry } from './helpers/directory.js';

// Names from the reference lists (fields of action, kinds of organisation, target groups, languages) on
// the public pages: in the page's public language where the list has a name in it, else the German name
// marked lang="de" (issue #17).

let h: TestHarness;
let spracheId: number;
let bildungId: number;
let entryId: number;

beforeAll(async () => {
  h = await createHarness();
  const field = (name: string) => h.db.selectFrom('fields_of_action').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  spracheId = (await field('Sprache')).id;
  bildungId = (await field('Bildung und Ausbildung')).id;
  const target = await h.db.selectFrom('target_groups').select(['id', 'name']).orderBy('position').executeTakeFirstOrThrow();
  // Only Turkish names for Sprache, the entry's kind and its target group; Bildung und Ausbildung has none.
  await h.db.deleteFrom('reference_names').where('locale', '=', 'tr').execute();
  await h.db
    .insertInto('reference_names')
    .values([
      { list: 'fields', entry: String(spracheId), locale: 'tr', name: 'Dil' },
      { list: 'kinds', entry: 'association', locale: 'tr', name: 'Dernek' },
      { list: 'targets', entry: String(target.id), locale: 'tr', name: 'Hedef grup' },
    ])
    .execute();
  entryId = await addEntry(h.db, { name: 'Brücke e.V.', kind: 'association', fields: [spracheId, bildungId], targets: [target.id], languages: ['tr'] });
  await createUser(h.db, { name: 'Mia Mitglied', email: 'mia@example.org' });
});
afterAll(() => h.close());

const get = async (path: string, lang: string) => (await h.app.request(path, { headers: { cookie: `lang=${lang}` } })).text();
/** The element that holds `text` as its whole content: its opening tag. */
const tagOf = (html: string, text: string) => new RegExp(`(<[a-z]+[^>]*>)\\s*${text}[^<]*<`).exec(html)?.[1];

describe('list names on the public pages', () => {
  it('the home page links the fields by their Turkish name, German ones marked', async () => {
    const html = await get('/', 'tr');
    expect(html).toContain(`<a href="/directory?field=${spracheId}">Dil</a>`);
    expect(html).toContain(`<a href="/directory?field=${bildungId}" lang="de">Bildung und Ausbildung</a>`);
  });

  it('the directory’s filters, results, overview, entry page and submission form use them too', async () => {
    const directory = await get('/directory', 'tr');
    expect(tagOf(directory, 'Dil \\(')).toBe(`<option value="${spracheId}">`);
    expect(tagOf(directory, 'Bildung und Ausbildung \\(')).toBe(`<option value="${bildungId}" lang="de">`);
    expect(tagOf(directory, 'Dernek \\(')).toBe('<option value="association">');
    expect(directory).toMatch(/<p class="meta">\s*Dernek/);
    // A kind without a Turkish name is German, marked.
    expect(directory).toMatch(/<option value="[a-z_]+" lang="de">/);

    const entry = await get(`/directory/${entryId}`, 'tr');
    expect(entry).toMatch(/<p class="meta">\s*Dernek/);
    expect(entry).toContain('Dil, <span lang="de">Bildung und Ausbildung</span>');
    expect(entry).toContain('Hedef grup');
    expect(entry).toContain('Türkçe');

    const overview = await get('/directory/overview', 'tr');
    expect(tagOf(overview, 'Dil')).toMatch(/^<th scope="col">/);
    expect(tagOf(overview, 'Bildung und Ausbildung')).toBe('<th scope="col" lang="de">');
    expect(tagOf(overview, 'Dernek')).toBe('<th scope="row">');

    const form = await get('/directory/new', 'tr');
    expect(tagOf(form, 'Dil')).toBe(`<label for="field-fields-${spracheId}">`);
    expect(tagOf(form, 'Bildung und Ausbildung')).toBe(`<label for="field-fields-${bildungId}" lang="de">`);
    expect(tagOf(form, 'Dernek')).toBe('<option value="association">');
  });

  it('a city page names the fields of its coverage row so', async () => {
    const city = await h.db.selectFrom('cities').select('slug').where('kind', '=', 'city').orderBy('position').executeTakeFirstOrThrow();
    const html = await get(`/cities/${city.slug}`, 'tr');
    expect(tagOf(html, 'Dil')).toMatch(/^<th scope="row">/);
    expect(tagOf(html, 'Bildung und Ausbildung')).toBe('<th scope="row" lang="de">');
  });

  it('German pages and members’ pages stay as they were', async () => {
    const de = await get('/', 'de');
    expect(de).toContain(`<a href="/directory?field=${spracheId}">Sprache</a>`);
    expect(de).toContain(`<a href="/directory?field=${bildungId}">Bildung und Ausbildung</a>`);
    const mia = h.browser();
    await mia.login('mia@example.org', TEST_PASSWORD);
    mia.cookies.set('lang', 'tr');
    const signedIn = await (await mia.get(`/directory/${entryId}`)).text();
    expect(signedIn).toContain('Sprache, Bildung und Ausbildung');
  });
});
