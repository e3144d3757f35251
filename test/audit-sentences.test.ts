import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditListRow } from '../src/audit/audit.js';
import { auditSentence, SENTENCES } from '../src/audit/sentences.js';
import { emptyNames, referencedIds } from '../src/audit/subject-names.js';
import { translator, type MessageKey } from '../src/i18n/index.js';
import { formatters } from '../src/lib/berlin-time.js';

// Every action code the source writes to the log has a sentence: this test reads the audit() calls in
// src/ and fails for a new code without one (add it to SENTENCES in src/audit/sentences.ts and its
// texts to src/i18n/de.ts and en.ts).

const SRC = join(import.meta.dirname, '..', 'src');

/** Codes built from a template, with every value the template can take. */
const TEMPLATES: Record<string, string[]> = {
  // setStatus in src/directory/entries.ts: OrganisationStatus.
  'organisation.${status}': ['organisation.unlisted', 'organisation.pending', 'organisation.published', 'organisation.rejected', 'organisation.archived'],
  // setMinutesStatus in src/minutes/minutes.ts.
  'minutes.${to}': ['minutes.circulated', 'minutes.approved', 'minutes.draft'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** balanced: the text from `open` (a "(" or "{") up to its closing bracket. */
function balanced(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '{' || ch === '[') depth++;
    else if (ch === ')' || ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return text.slice(open, i + 1);
    }
  }
  throw new Error('unbalanced');
}

/** expression: the value of `action:` up to the next comma or closing bracket at its own depth. */
function expression(text: string, start: number): string {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '{' || ch === '[') depth++;
    else if (ch === ')' || ch === '}' || ch === ']') {
      if (depth === 0) return text.slice(start, i);
      depth--;
    } else if (ch === ',' && depth === 0) return text.slice(start, i);
  }
  return text.slice(start);
}

function codesIn(expr: string, where: string): string[] {
  const codes: string[] = [];
  for (const m of expr.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) codes.push(m[1]!);
  for (const m of expr.matchAll(/`([^`]*)`/g)) {
    const expanded = TEMPLATES[m[1]!];
    if (!expanded) throw new Error(`${where}: the action template \`${m[1]}\` is not in TEMPLATES of this test; list the codes it makes`);
    codes.push(...expanded);
  }
  if (codes.length === 0) throw new Error(`${where}: cannot read the action code of this audit() call: ${expr.trim()}`);
  return codes;
}

/** codesInSource: every action code of every audit() call in src/, with where it is written. */
function codesInSource(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    if (file.includes(join('src', 'audit'))) continue;
    const text = readFileSync(file, 'utf8');
    for (const call of text.matchAll(/\baudit\(/g)) {
      const args = balanced(text, call.index + 'audit'.length);
      const line = text.slice(0, call.index).split('\n').length;
      // Mentions in comments are no calls.
      if (/^\s*(\*|\/\/)/.test(text.split('\n')[line - 1]!)) continue;
      const where = `${relative(join(SRC, '..'), file)}:${line}`;
      const property = /\baction\s*:\s*/.exec(args);
      let expr: string;
      if (property) expr = expression(args, property.index + property[0].length);
      else if (/[{,]\s*action\s*[,}]/.test(args)) {
        // Shorthand `{ action, … }`: the const of that name in the same function.
        const before = text.slice(0, call.index);
        const decl = [...before.matchAll(/\bconst action\s*=\s*([^;]+);/g)].at(-1);
        if (!decl) throw new Error(`${where}: audit() with { action } but no const action before it`);
        expr = decl[1]!;
      } else throw new Error(`${where}: cannot find the action of this audit() call`);
      for (const code of codesIn(expr, where)) if (!found.has(code)) found.set(code, where);
    }
  }
  return found;
}

const row = (action: string, over: Partial<AuditListRow> = {}): AuditListRow => ({
  id: 1,
  at: '2026-11-20T10:00:00.000Z',
  actor_user_id: 5,
  actor_name: 'Katharina Lange',
  actor_person_id: 50,
  action,
  entity_type: 'meeting',
  entity_id: '7',
  before_json: null,
  after_json: null,
  ...over,
});

describe('every action code in the source has a sentence', () => {
  const codes = codesInSource();

  it('finds the codes (the reader of the source still works)', () => {
    // A sample of codes from different features; the list has some seventy.
    for (const code of ['meeting.attendance', 'person.data_export', 'organisation.published', 'minutes.approved', 'minutes.save', 'user.deactivate', 'group.archive']) {
      expect(codes.has(code), code).toBe(true);
    }
    expect(codes.size).toBeGreaterThan(60);
  });

  it('each code in src/ is in SENTENCES', () => {
    const missing = [...codes].filter(([code]) => !Object.hasOwn(SENTENCES, code)).map(([code, where]) => `${code} (${where})`);
    expect(missing, 'action codes without a sentence in src/audit/sentences.ts').toEqual([]);
  });

  it('SENTENCES has no code the source no longer writes', () => {
    expect(Object.keys(SENTENCES).filter((code) => !codes.has(code))).toEqual([]);
  });

  it.each(['de', 'en'] as const)('each code in src/ has a label for the filter in %s', (locale) => {
    const t = translator(locale);
    expect([...codes.keys()].filter((code) => !t(`audit.action.${code}` as MessageKey))).toEqual([]);
  });

  it.each(['de', 'en'] as const)('each sentence renders in %s, even from an entry with no data: no placeholder left, no "undefined"', (locale) => {
    const t = translator(locale);
    const fmt = formatters(locale);
    for (const code of Object.keys(SENTENCES)) {
      for (const actor of [5, null]) {
        const text = auditSentence(t, fmt, row(code, { actor_user_id: actor }), emptyNames());
        expect(text, code).not.toMatch(/\{\w+\}|undefined|null|NaN|\[object/);
        expect(text, code).not.toBe(t('audit.say.unknown', { actor: 'Katharina Lange', action: code, entity: 'meeting 7' }));
        expect(text.length, code).toBeGreaterThan(15);
      }
    }
  });
});

it('every record type the source writes has a name in both languages (the filter shows it)', () => {
  const types = new Set<string>();
  for (const file of sourceFiles(SRC)) for (const m of readFileSync(file, 'utf8').matchAll(/entityType:\s*'([a-z_]+)'/g)) types.add(m[1]!);
  expect(types.size).toBeGreaterThan(8);
  for (const locale of ['de', 'en'] as const) {
    const t = translator(locale);
    const missing = [...types].filter((type) => !t(`audit.entityType.${type}` as MessageKey));
    expect(missing, locale).toEqual([]);
  }
});

describe('sentences', () => {
  const t = translator('de');
  const fmt = formatters('de');
  const names = emptyNames();
  names.meetings.set(7, { title: 'Plenum', starts_at: '2026-11-12T17:00:00.000Z' });
  names.meetings.set(8, { title: 'Plenum', starts_at: '2027-01-14T17:00:00.000Z' });
  names.groups.set(3, 'AK Sprache');
  names.persons.set(11, 'Özlem Yıldız');
  names.users.set(12, 'Jonas Berg');
  names.organisations.set(4, 'Caritas Mettmann');

  it('counts the attendance by state, in German', () => {
    const after = JSON.stringify({ ...Object.fromEntries(Array.from({ length: 16 }, (_, i) => [100 + i, 'present'])), 200: 'excused', 201: 'excused', 300: 'absent' });
    expect(auditSentence(t, fmt, row('meeting.attendance', { after_json: after }), names)).toBe(
      'Katharina Lange hat die Anwesenheit der Sitzung „Plenum“ vom 12.11.2026 erfasst: 16 anwesend, 2 entschuldigt, 1 abwesend.',
    );
  });

  it('translates roles and states, and names the subject as it is now', () => {
    expect(auditSentence(t, fmt, row('user.role', { entity_type: 'user', entity_id: '12', before_json: '{"role":"member"}', after_json: '{"role":"secretariat"}' }), names)).toBe(
      'Katharina Lange hat die Rolle von Jonas Berg geändert: Mitglied → Geschäftsstelle.',
    );
    expect(auditSentence(t, fmt, row('organisation.rejected', { entity_type: 'organisation', entity_id: '4', after_json: '{"status":"rejected","reason":"Kein Angebot im Kreis."}' }), names)).toBe(
      'Katharina Lange hat den Verzeichniseintrag „Caritas Mettmann“ abgelehnt. Grund: Kein Angebot im Kreis.',
    );
    expect(auditSentence(t, fmt, row('organisation.pending', { entity_type: 'organisation', entity_id: '4' }), names)).toBe('Katharina Lange hat den Verzeichniseintrag „Caritas Mettmann“ auf „wartet auf Prüfung“ gesetzt.');
    expect(auditSentence(t, fmt, row('membership.create', { entity_type: 'membership', entity_id: '99', after_json: '{"group_id":3,"person_id":11,"role":"chair"}' }), names)).toBe(
      'Katharina Lange hat Özlem Yıldız als Vorsitz in den Arbeitskreis „AK Sprache“ aufgenommen.',
    );
    expect(auditSentence(t, fmt, row('minutes.approved', { after_json: '{"version":3,"approved_in":8}' }), names)).toBe(
      'Katharina Lange hat eingetragen, dass das Protokoll der Sitzung „Plenum“ vom 12.11.2026 in der Sitzung „Plenum“ vom 14.01.2027 genehmigt wurde (Fassung 3).',
    );
  });

  it('entries without an account read as the system or the link used', () => {
    expect(auditSentence(t, fmt, row('privacy.retention_mails', { actor_user_id: null, actor_name: null, entity_type: 'mail', entity_id: null, after_json: '{"deleted":1}' }), names)).toBe(
      'Das System hat versandte E-Mails nach Ablauf der Aufbewahrungsfrist gelöscht: 1 E-Mail.',
    );
    expect(auditSentence(t, fmt, row('person.consent_withdrawn', { actor_user_id: null, actor_name: null, entity_type: 'person', entity_id: '11', after_json: '{"via":"contact_link","organisation_id":4}' }), names)).toBe(
      'Die Einwilligung von Özlem Yıldız als Ansprechperson von „Caritas Mettmann“ wurde über den Widerrufslink aus der E-Mail widerrufen.',
    );
  });

  it('says what an update changed, and "their own" when people change their own details', () => {
    const before = JSON.stringify({ title: 'Plenum', starts_at: '2026-11-12T17:00:00.000Z', room: 'A 1', location: 'Kreishaus' });
    const after = JSON.stringify({ title: 'Plenum', starts_at: '2026-11-19T17:00:00.000Z', room: 'B 2', location: 'Kreishaus' });
    expect(auditSentence(t, fmt, row('meeting.update', { before_json: before, after_json: after }), names)).toBe('Katharina Lange hat die Sitzung „Plenum“ vom 12.11.2026 geändert: Beginn, Raum.');
    const person = { entity_type: 'person', before_json: '{"name":"Özlem Yildiz","phone":"1"}', after_json: '{"name":"Özlem Yıldız","phone":"1"}' };
    expect(auditSentence(t, fmt, row('person.update', { ...person, entity_id: '11' }), names)).toBe('Katharina Lange hat die Angaben zu Özlem Yıldız geändert: Name.');
    expect(auditSentence(t, fmt, row('person.update', { ...person, entity_id: '50' }), names)).toBe('Katharina Lange hat die eigenen Angaben geändert: Name.');
    expect(auditSentence(t, fmt, row('user.sessions_ended', { entity_type: 'user', entity_id: '5', after_json: '{"ended":2}' }), names)).toBe('Katharina Lange hat sich auf anderen Geräten abgemeldet: 2 Anmeldungen.');
  });

  it('a deleted subject is named by its number, a recorded name where there is one', () => {
    expect(auditSentence(t, fmt, row('meeting.cancel', { entity_id: '70', after_json: '{"reason":"Krankheit"}' }), names)).toBe('Katharina Lange hat die Sitzung Nr. 70 abgesagt. Grund: Krankheit');
    expect(auditSentence(t, fmt, row('document.delete', { before_json: '{"file":5,"name":"Einladung.pdf"}' }), names)).toBe(
      'Katharina Lange hat das Dokument „Einladung.pdf“ der Sitzung „Plenum“ vom 12.11.2026 gelöscht.',
    );
  });

  it('in English when the page is', () => {
    const en = translator('en');
    expect(auditSentence(en, formatters('en'), row('meeting.invite', { after_json: '{"invited":[1,2,3]}' }), names)).toBe('Katharina Lange sent invitations to the meeting "Plenum" on 12/11/2026: 3 people.');
  });

  it('a code the table does not know still reads as a sentence naming it', () => {
    expect(auditSentence(t, fmt, row('rsvp.answer'), names)).toBe('Katharina Lange: Aktion rsvp.answer an meeting 7.');
  });

  it('collects the ids a page needs, from the records and their data', () => {
    const ids = referencedIds([
      { entity_type: 'meeting', entity_id: '7', before_json: null, after_json: '{"approved_in":8}' },
      { entity_type: 'membership', entity_id: '9', before_json: null, after_json: '{"group_id":3,"person_id":"11","organisation_id":null}' },
      { entity_type: 'site_text', entity_id: 'privacy', before_json: 'not json', after_json: '[1]' },
    ]);
    expect([...ids.meetings].sort()).toEqual([7, 8]);
    expect([...ids.memberships]).toEqual([9]);
    expect([...ids.groups]).toEqual([3]);
    expect([...ids.persons]).toEqual([11]);
    expect(ids.organisations.size).toBe(0);
  });
});
