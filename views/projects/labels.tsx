import type { MessageKey, Translate } from '../../src/i18n/index.js';
import type { Formatters } from '../../src/lib/berlin-time.js';

/** Labels of the project pages, in the reader's language. */
export const statusLabel = (t: Translate, status: string) => t(`projects.status.${status}` as MessageKey);
export const deadlineKindLabel = (t: Translate, kind: string) => t(`projects.deadlineKind.${kind}` as MessageKey);
export const fileKindLabel = (t: Translate, kind: string) => t(`projects.fileKind.${kind}` as MessageKey);

/** day: a calendar day ("2027-03-31") as the reader writes dates. */
export const day = (fmt: Formatters, d: string) => fmt.date(`${d}T12:00:00Z`);

/** periodText: "01.01.2026 – 31.12.2027", one end open, or undefined when neither is set. */
export function periodText(t: Translate, fmt: Formatters, starts: string | null, ends: string | null): string | undefined {
  if (starts && ends) return `${day(fmt, starts)} – ${day(fmt, ends)}`;
  if (starts) return t('projects.periodFrom', { date: day(fmt, starts) });
  if (ends) return t('projects.periodUntil', { date: day(fmt, ends) });
  return undefined;
}

/**
 * projectTitle: the short name before the name ("MoKMe: Migrantenorganisationen als Bündnispartner"),
 * but only once: a name that already begins with it ("MiMi – Mit Migranten für Migranten") stands alone.
 */
export function projectTitle(p: { name: string; short_name: string | null }): string {
  return p.short_name && !p.name.startsWith(p.short_name) ? `${p.short_name}: ${p.name}` : p.name;
}
