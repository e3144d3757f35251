import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

let h: TestHarness;
let sek: Browser;
let adm: Browser;
let mem: Browser;
let sekUserId: number;
const ids = new Map<string, number>();
const cities = new Map<string, number>();

beforeAll(async () => {
  h = await createHarness();
  sekUserId = (await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' })).userId;
  await createUser(h.db, { name: 'Anna Admin', email: 'adm@example.org', role: 'admin' });
  await createUser(h.db, { name: 'Mia Mitglied', email: 'mem@example.org' });
  sek = h.browser();
  adm = h.browser();
  mem = h.browser();
  await sek.login('sek@example.org', TEST_PASSWORD);
  await adm.login('adm@example.org', TEST_PASSWORD);
  await mem.login('mem@example.org', TEST_PASSWORD);
  for (const r of await h.db.selectFrom('statistic_indicators').select(['id', 'key']).execute()) ids.set(r.key, Number(r.id));
  for (const r of await h.db.selectFrom('cities').select(['id', 'name']).execute()) cities.set(r.name, Number(r.id));
}, 60_000);
afterAll(() => h.close());

const values = () => h.db.selectFrom('statistic_values').selectAll().execute();
const history = () => h.db.selectFrom('statistic_value_changes').selectAll().orderBy('id').execute();
const upload = (who: Browser, text: string | Uint8Array<ArrayBuffer>, name = 'zahlen.csv') => {
  const form = new FormData();
  form.set('file', new File([text], name, { type: 'text/csv' }));
  return who.upload('/admin/statistics/import', form);
};
/** hidden: the hidden fields of the preview's confirmation form. */
const hidden = (html: string) => Object.fromEntries([...html.matchAll(/<input type="hidden" name="(data|name|fingerprint)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));

describe('who may use /admin/statistics', () => {
  it('the staff may, members get 403, visitors sign in first', async () => {
    for (const path of ['/admin/statistics', '/admin/statistics/import', '/admin/statistics/values', '/admin/statistics/history', '/admin/statistics/export.csv', '/admin/statistics/indicators/new']) {
      expect((await sek.get(path)).status, path).toBe(200);
      expect((await adm.get(path)).status, path).toBe(200);
      expect((await mem.get(path)).status, path).toBe(403);
      const anon = await h.app.request(path);
      expect(anon.status, path).toBe(303);
      expect(anon.headers.get('location')).toMatch(/^\/login\?next=/);
    }
    expect((await mem.post('/admin/statistics/values', { city: String(cities.get('Haan')), year: '2024' })).status).toBe(403);
    expect((await h.app.request('/admin/statistics/values', { method: 'POST', headers: { Origin: 'http://localhost' } })).status).toBe(401);
  });
  it('links the staff to it from the admin page', async () => {
    expect(await (await sek.get('/admin')).text()).toContain('href="/admin/statistics"');
  });
});

describe('web import', () => {
  beforeEach(async () => {
    await h.db.deleteFrom('statistic_value_changes').execute();
    await h.db.deleteFrom('statistic_values').execute();
  });

  it('previews per line, stores only on confirmation, and records who and how', async () => {
    const file = 'Stadt;Jahr;Bevölkerung insgesamt;Ausländische Bevölkerung\nHaan;2024;30.000;3.000\nHilden;2024;55.000;x\n';
    const preview = await upload(sek, file);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('4 neue, 0 geänderte und 0 unveränderte Werte');
    expect(html).toContain('in Ordnung: 2 neu, 0 geändert, 0 unverändert');
    expect(await values()).toHaveLength(0);
    const carry = hidden(html);
    expect(carry.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const done = await sek.post('/admin/statistics/import/confirm', carry);
    expect(done.status).toBe(303);
    expect(await values()).toHaveLength(4);
    expect((await history())[0]).toMatchObject({ via: 'import', file_name: 'zahlen.csv', changed_by_user_id: sekUserId });
    const page = await (await sek.get('/admin/statistics/history')).text();
    expect(page).toContain('Sina Sekretariat');
    expect(page).toContain('Import (zahlen.csv)');

    // The same file again: everything unchanged, nothing to confirm.
    const again = await (await upload(sek, file)).text();
    expect(again).toContain('0 neue, 0 geänderte und 4 unveränderte Werte');
    expect(again).not.toContain('/admin/statistics/import/confirm');
  });

  it('refuses a file with a bad line whole, showing the line and its problem', async () => {
    const res = await upload(sek, 'Stadt;Jahr;population_total\nHaan;2024;30000\nGotham;2024;1\n');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Unbekannte Stadt „Gotham“');
    expect(html).not.toContain('/admin/statistics/import/confirm');
    // Forged confirmation of a bad file: refused, nothing stored.
    const forged = await sek.post('/admin/statistics/import/confirm', { data: Buffer.from('Stadt;Jahr;population_total\nGotham;2024;1\n').toString('base64'), name: 'x.csv', fingerprint: 'x' });
    expect(forged.status).toBe(422);
    expect(await values()).toHaveLength(0);
  });

  it('refuses an empty or binary upload in German', async () => {
    const empty = await sek.upload('/admin/statistics/import', new FormData());
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Bitte wählen Sie eine CSV-Datei aus.');
    const binary = await upload(sek, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2]) as Uint8Array<ArrayBuffer>, 'mappe.xlsx');
    expect(binary.status).toBe(422);
    expect(await binary.text()).toContain('keine CSV-Datei');
  });

  it('does not store a confirmation whose preview no longer matches the stored values (409)', async () => {
    const html = await (await upload(sek, 'Stadt;Jahr;population_total\nHaan;2024;30000\n')).text();
    await h.db
      .insertInto('statistic_values')
      .values({ indicator_id: ids.get('population_total')!, city_id: cities.get('Haan')!, year: 2024, value: 29000, special: null, source: null, note: null, updated_at: new Date().toISOString(), updated_by_user_id: null })
      .execute();
    const res = await sek.post('/admin/statistics/import/confirm', hidden(html));
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('seit der Vorschau geändert');
    expect((await values())[0]!.value).toBe(29000);
  });
});

describe('manual entry', () => {
  const haan = () => String(cities.get('Haan'));
  beforeEach(async () => {
    await h.db.deleteFrom('statistic_value_changes').execute();
    await h.db.deleteFrom('statistic_values').execute();
  });

  it('stores values and special values, records changes and removals, and rewriting changes nothing', async () => {
    const total = `v_${ids.get('population_total')}`;
    const foreign = `v_${ids.get('population_foreign')}`;
    const form = await sek.get(`/admin/statistics/values?city=${haan()}&year=2024`);
    expect(await form.text()).toContain(`name="${total}"`);
    let res = await sek.post('/admin/statistics/values', { city: haan(), year: '2024', [total]: '30.000', [foreign]: '…', [`s_${ids.get('population_total')}`]: 'IT.NRW' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('2 Werte gelesen: 2 neu');
    const stored = await values();
    expect(stored.map((v) => [v.value, v.special, v.source])).toEqual(expect.arrayContaining([[30000, null, 'IT.NRW'], [null, '…', null]]));
    expect(stored).toHaveLength(2);
    const stamp = (await values()).find((v) => v.value === 30000)!.updated_at;
    h.clock.advance(60_000);
    res = await sek.post('/admin/statistics/values', { city: haan(), year: '2024', [total]: '30000', [foreign]: '…', [`s_${ids.get('population_total')}`]: 'IT.NRW' });
    expect(await res.text()).toContain('2 unverändert');
    expect(await history()).toHaveLength(2);
    expect((await values()).find((v) => v.value === 30000)!.updated_at).toEqual(stamp);

    res = await sek.post('/admin/statistics/values', { city: haan(), year: '2024', [total]: '31000', [foreign]: '' });
    expect(res.status).toBe(200);
    const changes = await history();
    expect(changes).toHaveLength(4);
    expect(changes[2]).toMatchObject({ old_value: 30000, new_value: 31000, via: 'manual', changed_by_user_id: sekUserId, changed_at: h.clock.now().toISOString() });
    expect(changes[3]).toMatchObject({ old_special: '…', new_value: null, new_special: null });
    expect(await (await sek.get('/admin/statistics/history')).text()).toContain('30.000 → 31.000');
    // Filtered to one city and year (linked from the entry page): another city's change is not shown.
    await sek.post('/admin/statistics/values', { city: String(cities.get('Hilden')), year: '2024', [total]: '777' });
    expect(await (await sek.get(`/admin/statistics/values?city=${haan()}&year=2024`)).text()).toContain(`/admin/statistics/history?city=${haan()}&amp;year=2024`);
    const filtered = await (await sek.get(`/admin/statistics/history?city=${haan()}&year=2024`)).text();
    expect(filtered).toContain('30.000 → 31.000');
    expect(filtered).not.toContain('→ 777');
    expect(await (await sek.get('/admin/statistics/history')).text()).toContain('→ 777');
  });

  it('refuses bad values next to the field with 422 and stores nothing', async () => {
    const total = `v_${ids.get('population_total')}`;
    const foreign = `v_${ids.get('population_foreign')}`;
    for (const [fields, message] of [
      [{ [total]: 'viele' }, 'Bitte eine Zahl'],
      [{ [total]: '-3' }, 'nicht negativ'],
      [{ [total]: '12,5' }, 'ganze Zahl'],
      [{ [total]: '100', [foreign]: '150' }, 'über 100 %'],
    ] as [Record<string, string>, string][]) {
      const res = await sek.post('/admin/statistics/values', { city: haan(), year: '2024', ...fields });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain(message);
    }
    expect(await values()).toHaveLength(0);
    expect((await sek.get('/admin/statistics/values?city=999&year=2024')).status).toBe(400);
    expect((await sek.get(`/admin/statistics/values?city=${haan()}&year=1800`)).status).toBe(400);
  });
});

describe('indicators', () => {
  it('creates and edits an indicator with audit entries, refusing bad fields with 422', async () => {
    let res = await sek.post('/admin/statistics/indicators', { key: 'Bad Key', name: '', unit: 'Personen', kind: 'count' });
    expect(res.status).toBe(422);
    let html = await res.text();
    expect(html).toContain('Bitte nur Kleinbuchstaben');
    expect(html).toContain('Bitte füllen Sie dieses Feld aus.');
    res = await sek.post('/admin/statistics/indicators', { key: 'population_total', name: 'Doppelt', unit: 'Personen', kind: 'count' });
    expect(await res.text()).toContain('Diesen Schlüssel hat schon eine andere Kennzahl.');

    res = await sek.post('/admin/statistics/indicators', { key: 'refugees', name: 'Geflüchtete', name_en: 'Refugees', unit: 'Personen', kind: 'count' });
    expect(res.status).toBe(303);
    const refugees = await h.db.selectFrom('statistic_indicators').selectAll().where('key', '=', 'refugees').executeTakeFirstOrThrow();
    const share = { key: 'share_refugees', name: 'Anteil der Geflüchteten', unit: '%', kind: 'share', numerator_id: String(refugees.id), denominator_id: String(ids.get('population_total')) };
    res = await sek.post('/admin/statistics/indicators', { ...share, denominator_id: String(ids.get('share_foreign')) });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Bitte eine Anzahl wählen, keinen Anteil.');
    res = await sek.post('/admin/statistics/indicators', { ...share, denominator_id: String(refugees.id) });
    expect(await res.text()).toContain('verschiedene Anzahlen');
    expect((await sek.post('/admin/statistics/indicators', share)).status).toBe(303);
    const created = await h.db.selectFrom('statistic_indicators').selectAll().where('key', '=', 'share_refugees').executeTakeFirstOrThrow();
    expect(created).toMatchObject({ kind: 'share', numerator_id: refugees.id, denominator_id: ids.get('population_total') });
    res = await sek.post(`/admin/statistics/indicators/${created.id}`, { ...share, numerator_id: String(created.id) });
    expect(res.status).toBe(422);

    res = await sek.post(`/admin/statistics/indicators/${refugees.id}`, { key: 'refugees', name: 'Schutzsuchende', unit: 'Personen', kind: 'count', chart_group: '' });
    expect(res.status).toBe(303);
    const log = await h.db.selectFrom('audit_log').select(['action', 'entity_id', 'actor_user_id']).where('entity_type', '=', 'statistic_indicator').orderBy('id').execute();
    expect(log.map((l) => l.action)).toEqual(['statistic_indicator.create', 'statistic_indicator.create', 'statistic_indicator.update']);
    expect(log[2]).toMatchObject({ entity_id: String(refugees.id), actor_user_id: sekUserId });
    expect((await sek.get('/admin/statistics/indicators/99999')).status).toBe(404);
    // A share cannot be imported or entered: it has no field on the entry page.
    html = await (await sek.get(`/admin/statistics/values?city=${cities.get('Haan')}&year=2024`)).text();
    expect(html).not.toContain(`name="v_${created.id}"`);
  });
});

describe('CSV export', () => {
  it('exports stored values, derived shares and district rows for Excel', async () => {
    await h.db.deleteFrom('statistic_value_changes').execute();
    await h.db.deleteFrom('statistic_values').execute();
    const total = `v_${ids.get('population_total')}`;
    const foreign = `v_${ids.get('population_foreign')}`;
    await sek.post('/admin/statistics/values', { city: String(cities.get('Haan')), year: '2024', [total]: '200', [foreign]: '25', [`n_${ids.get('population_foreign')}`]: 'geschätzt' });
    await sek.post('/admin/statistics/values', { city: String(cities.get('Hilden')), year: '2024', [total]: '-', [foreign]: '-' });
    const res = await sek.get('/admin/statistics/export.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="datensammlung-/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('Kennzahl;Bezeichnung;Stadt;AGS;Jahr;Wert;Quelle;Anmerkung;abgeleitet\r\n');
    expect(text).toContain('population_foreign;Ausländische Bevölkerung;Haan;05158008;2024;25;;geschätzt;nein');
    expect(text).toContain('population_total;Bevölkerung insgesamt;Hilden;05158016;2024;-;;;nein');
    expect(text).toContain('share_foreign;Anteil der ausländischen Bevölkerung;Haan;05158008;2024;12,5;;;ja');
    expect(text).toMatch(/population_total;Bevölkerung insgesamt;Kreis Mettmann \(kreisweit\);05158000;2024;…;;;ja/);
  });
});
