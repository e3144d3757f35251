import type { Entry } from './entries.js';

/** vcardEscape: vCard 3.0 text values escape backslash, comma, semicolon and newlines. */
function vcardEscape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r\n|\r|\n/g, '\\n');
}

/** fold: vCard lines longer than 75 octets continue on the next line after a space (RFC 2425). */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  for (const ch of line) {
    if (Buffer.byteLength(current + ch, 'utf8') > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
    }
    current += ch;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/**
 * entryVcard: the entry as a vCard 3.0 (what Outlook, Apple Contacts and phones import), with the
 * organisation's data the public page shows. Never its contact persons: a downloaded card cannot follow a
 * withdrawn consent (the same holds for the CSV list and the JSON-LD below).
 */
export function entryVcard(entry: Entry, url: string): string {
  // N is required by vCard 3.0; an organisation has no personal name, X-ABShowAs tells Apple so.
  const lines = ['BEGIN:VCARD', 'VERSION:3.0', 'N:;;;;', `FN:${vcardEscape(entry.name)}`, `ORG:${vcardEscape(entry.name)}`, 'X-ABShowAs:COMPANY'];
  if (entry.street || entry.place || entry.postal_code) {
    lines.push(`ADR;TYPE=WORK:;;${vcardEscape(entry.street ?? '')};${vcardEscape(entry.place ?? '')};;${vcardEscape(entry.postal_code ?? '')};Deutschland`);
  }
  if (entry.phone) lines.push(`TEL;TYPE=WORK,VOICE:${vcardEscape(entry.phone)}`);
  if (entry.email) lines.push(`EMAIL;TYPE=INTERNET,WORK:${vcardEscape(entry.email)}`);
  if (entry.website) lines.push(`URL:${vcardEscape(entry.website)}`);
  lines.push(`SOURCE:${vcardEscape(url)}`);
  if (entry.offers) lines.push(`NOTE:${vcardEscape(entry.offers)}`);
  lines.push('END:VCARD');
  return lines.map(fold).join('\r\n') + '\r\n';
}

/**
 * entryJsonLd: schema.org Organization for search engines, as a string safe inside a <script> element
 * ("<" is escaped so no text of the entry can close the element).
 */
export function entryJsonLd(entry: Entry, url: string, description: string | undefined): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    name: entry.name,
    url: entry.website ?? url,
    mainEntityOfPage: url,
    ...(description ? { description } : {}),
    ...(entry.email ? { email: entry.email } : {}),
    ...(entry.phone ? { telephone: entry.phone } : {}),
    ...(entry.street || entry.place
      ? { address: { '@type': 'PostalAddress', streetAddress: entry.street ?? undefined, postalCode: entry.postal_code ?? undefined, addressLocality: entry.place ?? undefined, addressCountry: 'DE' } }
      : {}),
    ...(entry.languages.length ? { knowsLanguage: entry.languages } : {}),
    ...(entry.cities.length ? { areaServed: entry.cities.map((c) => ({ '@type': 'City', name: c.name })) } : {}),
  };
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
