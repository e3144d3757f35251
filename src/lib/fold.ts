import { sql, type RawBuilder } from 'kysely';

/**
 * foldText: the form in which names are stored for search and compared, the same on every database and
 * locale: lower case, German umlauts spelled out (ü = ue, ß = ss, as people type them on foreign keyboards),
 * other accents dropped (Çelik = celik), spaces collapsed.
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * foldWords: the folded words of a text (letters and digits of any script), joined by single spaces.
 * The search index stores text in this form, so every database tokenises exactly the same words.
 */
export function foldWords(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * containsFolded: `column LIKE %text%` on a folded column, with the typed text folded the same way and
 * LIKE's wildcards escaped (ESCAPE is spelled out: SQLite has no default escape character).
 */
export function containsFolded(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${foldText(text).replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}
