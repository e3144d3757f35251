import type { Formatters } from '../../src/lib/berlin-time.js';
import type { Translate } from '../../src/i18n/index.js';
import type { MeetingWithGroup } from '../../src/meetings/meetings.js';
import type { VersionEntry } from '../../src/minutes/minutes.js';
import { Notice } from '../components.js';
import type { Change, ComparedItem } from '../../src/minutes/compare.js';

function Changes({ t, changes }: { t: Translate; changes: Change[] }) {
  return (
    <>
      {changes.map((c) =>
        c.kind === 'same' ? (
          c.text
        ) : c.kind === 'removed' ? (
          <del>
            <span class="visually-hidden">[{t('minutes.removed')}: </span>
            {c.text}
            <span class="visually-hidden">]</span>
          </del>
        ) : (
          <ins>
            <span class="visually-hidden">[{t('minutes.added')}: </span>
            {c.text}
            <span class="visually-hidden">]</span>
          </ins>
        ),
      )}
    </>
  );
}

function ChangedRows({ t, caption, changes }: { t: Translate; caption: string; changes: Change[] }) {
  if (!changes.length) return null;
  return (
    <>
      <h3>{caption}</h3>
      <ul class="compare-rows">
        {changes.map((c) => (
          <li>
            <Changes t={t} changes={[c]} />
          </li>
        ))}
      </ul>
    </>
  );
}

/** ComparePage: a kept version against the current minutes, per TOP; removed text struck, added underlined. */
export function ComparePage(p: { t: Translate; fmt: Formatters; meeting: MeetingWithGroup; version: VersionEntry; items: ComparedItem[] }) {
  const { t, fmt } = p;
  const base = `/meetings/${p.meeting.id}/minutes`;
  const changed = p.items.filter((i) => i.changed);
  return (
    <article class="minutes">
      <p>
        <a href={`${base}/versions/${p.version.id}`}>← {t('minutes.versionN', { n: String(p.version.version) })}</a>
      </p>
      <h1>
        {t('minutes.compareTitle')}: {p.meeting.title}
      </h1>
      <p>{t('minutes.compareLead', { n: String(p.version.version), date: fmt.dateTime(p.version.created_at) })}</p>
      {changed.length === 0 ? <Notice kind="info">{t('minutes.noChanges')}</Notice> : null}
      {changed.map((c) => (
        <section class="section" aria-labelledby={`cmp-${c.item.id}`}>
          <h2 id={`cmp-${c.item.id}`}>
            {t('meetings.top', { n: p.items.indexOf(c) + 1 })}: {c.item.title}
          </h2>
          {c.notes.some((n) => n.kind !== 'same') ? (
            <p class="compare-notes">
              <Changes t={t} changes={c.notes} />
            </p>
          ) : null}
          {c.decisions.some((n) => n.kind !== 'same') ? <ChangedRows t={t} caption={t('minutes.decisions')} changes={c.decisions} /> : null}
          {c.actions.some((n) => n.kind !== 'same') ? <ChangedRows t={t} caption={t('minutes.actions')} changes={c.actions} /> : null}
        </section>
      ))}
    </article>
  );
}
