import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_MAX_ROWS, parseMemberCsv } from '../src/groups/member-import.js';
import { decodeCsv } from '../src/lib/csv-import.js';
import { createHarness, createUser, TEST_PASSWORD, type Browser, type TestHarness } from './helpers/app.js';

describe('parseMemberCsv', () => {
  it('reads semicolon or comma files with German headers, a BOM and German role names', () => {
    const semicolon = parseMemberCsv('\uFEFFName;E-Mail;Organisation;Rolle\r\nAyşe Demir;ayse@example.org;"Verein; e.V.";Vorsitz\r\nBen Berg;ben@example.org;;\r\n');
    expect(semicolon.ok).toBe(true);
    if (!semicolon.ok) return;
    expect(semicolon.rows.map((r) => [r.name, r.organisation, r.role, r.status])).toEqual([
      ['Ayşe Demir', 'Verein; e.V.', 'chair', 'new'],
      ['Ben Berg', '', 'member', 'new'],
    ]);
    const comma = parseMemberCsv('email,name,role,organization\nc@example.org,Cem,Gast,Caritas\n');
    expect(comma.ok && comma.rows[0]).toMatchObject({ name: 'Cem', email: 'c@example.org', role: 'guest', organisation: 'Caritas' });
  });

  it('marks bad rows with their reason', () => {
    const result = parseMemberCsv(
      ['Name;E-Mail;Organisation;Rolle', ';leer@example.org;;', 'Kein At;kein-at;;', 'Falsche Rolle;r@example.org;;Kaiser', 'Doppelt;d@example.org;;', 'Doppelt 2;D@example.org;;'].join('\n'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows.map((r) => [r.line, r.status, r.problem?.key])).toEqual([
      [2, 'error', 'import.row.name'],
      [3, 'error', 'import.row.email'],
      [4, 'error', 'import.row.role'],
      [5, 'new', undefined],
      [6, 'error', 'import.row.duplicate'],
    ]);
    expect(result.rows[4]!.problem!.params).toEqual({ line: 5 });
  });

  it('refuses an organisation longer than the database keeps', () => {
    const result = parseMemberCsv(`Name;E-Mail;Organisation;Rolle\nLang;lang@example.org;${'ä'.repeat(301)};`);
    expect(result.ok && result.rows[0]!.problem?.key).toBe('import.row.organisationLong');
  });

  it('refuses files it cannot use, saying why', () => {
    expect(parseMemberCsv('Vorname;Mail\nA;a@example.org')).toEqual({ ok: false, problem: { key: 'import.columns', params: { columns: 'Name, Organisation, Rolle' } } });
    expect(parseMemberCsv('Name;E-Mail;Organisation;Rolle\n')).toEqual({ ok: false, problem: { key: 'import.empty' } });
    expect(parseMemberCsv('Name;E-Mail;Organisation;Rolle\n"offen;a@example.org;;\n')).toMatchObject({ ok: false, problem: { key: 'import.parse' } });
    const big = ['Name;E-Mail;Organisation;Rolle', ...Array.from({ length: 10_000 }, (_, i) => `P ${i};p${i}@example.org;;`)].join('\n');
    expect(parseMemberCsv(big)).toEqual({ ok: false, problem: { key: 'import.tooManyRows', params: { rows: 10_000, max: IMPORT_MAX_ROWS } } });
  });

  it('refuses files that are not UTF-8 (an old Excel "CSV" in Windows-1252)', () => {
    const latin1 = new Uint8Array([...Buffer.from('Name;E-Mail;Organisation;Rolle\nJ', 'latin1'), 0xfc, ...Buffer.from('rgen;j@example.org;;', 'latin1')]);
    expect(decodeCsv(latin1)).toEqual({ ok: false, problem: { key: 'import.encoding' } });
    expect(decodeCsv(new TextEncoder().encode('Name;E-Mail\nJürgen;j@example.org'))).toMatchObject({ ok: true });
    expect(decodeCsv(new Uint8Array(1_000_001))).toEqual({ ok: false, problem: { key: 'import.tooLarge' } });
  });
});

describe('CSV import over HTTP', () => {
  let h: TestHarness;
  let sek: Browser;
  const IMPORT = '/groups/ak/members/import';
  const csvFile = (text: string | Uint8Array<ArrayBuffer>, name = 'mitglieder.csv') => {
    const form = new FormData();
    form.set('file', new File([text], name, { type: 'text/csv' }));
    return form;
  };
  const memberships = async () => (await h.db.selectFrom('memberships').select('id').execute()).length;
  const persons = async () => (await h.db.selectFrom('persons').select('id').execute()).length;

  beforeAll(async () => {
    h = await createHarness();
    await createUser(h.db, { name: 'Sina Sekretariat', email: 'sek@example.org', role: 'secretariat' });
    await createUser(h.db, { name: 'Vorhanden', email: 'da@example.org' });
    sek = h.browser();
    await sek.login('sek@example.org', TEST_PASSWORD);
    await sek.post('/groups', { name: 'AK', slug: 'ak', kind: 'external' });
  });
  afterAll(() => h.close());

  it('shows a preview and saves nothing until confirmed; then adds everyone in one go', async () => {
    const csv = 'Name;E-Mail;Organisation;Rolle\nNeu Eins;neu1@example.org;Caritas;Mitglied\nVorhanden;DA@example.org;;Koordination\n';
    const [p0, m0] = [await persons(), await memberships()];
    const preview = await sek.upload(IMPORT, csvFile(csv));
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('Neue Mitgliedschaften: 2. Übersprungen (schon Mitglied): 0.');
    expect(html).toContain('neue Person');
    expect(html).toContain('vorhandene Person');
    expect(html).toContain('Import bestätigen');
    expect([await persons(), await memberships()]).toEqual([p0, m0]);

    const done = await sek.post(`${IMPORT}/confirm`, { csv });
    expect(done.status).toBe(303);
    expect([await persons(), await memberships()]).toEqual([p0 + 1, m0 + 2]);
    const list = await (await sek.get('/groups/ak/members')).text();
    expect(list).toContain('Neu Eins');
    expect(list).toContain('Koordination');

    // The same file again: everyone is already a member, nothing to confirm.
    const again = await (await sek.upload(IMPORT, csvFile(csv))).text();
    expect(again).toContain('Neue Mitgliedschaften: 0. Übersprungen (schon Mitglied): 2.');
    expect(again).not.toContain('Import bestätigen');
  });

  it('with any bad row: errors per row, no confirm button, and a forged confirm saves nothing', async () => {
    const csv = 'Name;E-Mail;Organisation;Rolle\nGut;gut@example.org;;\nSchlecht;schlecht;;\n';
    const [p0, m0] = [await persons(), await memberships()];
    const res = await sek.upload(IMPORT, csvFile(csv));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Fehlerhafte Zeilen: 1.');
    expect(html).toContain('E-Mail-Adresse fehlt oder ist ungültig');
    expect(html).not.toContain('Import bestätigen');
    expect((await sek.post(`${IMPORT}/confirm`, { csv })).status).toBe(422);
    expect([await persons(), await memberships()]).toEqual([p0, m0]);
  });

  it('explains files it cannot read: no file, wrong columns, wrong encoding, too many rows', async () => {
    expect(await (await sek.upload(IMPORT, new FormData())).text()).toContain('Bitte wählen Sie eine CSV-Datei aus.');
    expect(await (await sek.upload(IMPORT, csvFile('Vorname;Nachname\nA;B'))).text()).toContain('Es fehlen Spalten: Name, E-Mail, Organisation, Rolle.');
    const latin1 = new Uint8Array([...Buffer.from('Name;E-Mail;Organisation;Rolle\nJ'), 0xfc, ...Buffer.from('rgen;j@example.org;;')]);
    const encoding = await sek.upload(IMPORT, csvFile(latin1));
    expect(encoding.status).toBe(422);
    expect(await encoding.text()).toContain('nicht UTF-8-kodiert');
    const rows = ['Name;E-Mail;Organisation;Rolle', ...Array.from({ length: 10_000 }, (_, i) => `P ${i};p${i}@example.org;;`)].join('\n');
    const many = await sek.upload(IMPORT, csvFile(rows));
    expect(many.status).toBe(422);
    expect(await many.text()).toContain('Die Datei hat 10000 Datenzeilen; höchstens 1000');
  });

  it('only the group\'s managers may import', async () => {
    await createUser(h.db, { name: 'Mia', email: 'mia@example.org' });
    const mia = h.browser();
    await mia.login('mia@example.org', TEST_PASSWORD);
    expect((await mia.upload(IMPORT, csvFile('Name;E-Mail;Organisation;Rolle\nX;x@example.org;;'))).status).toBe(403);
    expect((await mia.post(`${IMPORT}/confirm`, { csv: 'Name;E-Mail;Organisation;Rolle\nX;x@example.org;;' })).status).toBe(403);
    expect(await h.db.selectFrom('persons').select('id').where('email_normalized', '=', 'x@example.org').execute()).toHaveLength(0);
  });
});
