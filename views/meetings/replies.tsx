import type { Formatters } from '../../src/lib/berlin-time.js';
import type { Translate } from '../../src/i18n/index.js';
import type { ReplyRow } from '../../src/meetings/invitations.js';

export interface RepliesView {
  t: Translate;
  fmt: Formatters;
  meetingId: number;
  replies: ReplyRow[];
  /** Refresh every 15 seconds (switched on and off by the reader: WCAG 2.2.2). */
  live: boolean;
  /** The meeting is still ahead and not cancelled: those who have not answered can be reminded. */
  remindable: boolean;
}

/**
 * Replies: counts and the list for the secretariat. It refreshes itself only when the reader switches
 * that on, and says so; the counts line is a polite live region.
 */
export function Replies({ t, fmt, meetingId, replies, live, remindable }: RepliesView) {
  const count = (a: string | null) => replies.filter((r) => r.answer === a).length;
  const base = `/meetings/${meetingId}`;
  return (
    <section
      id="replies"
      aria-labelledby="replies-title"
      hx-get={live ? `${base}/replies?live=1` : undefined}
      hx-trigger={live ? 'every 15s' : undefined}
      hx-swap={live ? 'outerHTML' : undefined}
      hx-target={live ? 'this' : undefined}
    >
      <h2 id="replies-title">{t('replies.title')}</h2>
      <p class="no-print">
        {/* The same id before and after a refresh: htmx puts the focus back on the element with the id
            the focused one had, so a keyboard user on this link stays there. */}
        {live ? (
          <a id="replies-live" href={`${base}#replies`}>
            {t('replies.stopLive')}
          </a>
        ) : (
          <a id="replies-live" href={`${base}?live=1#replies`}>
            {t('replies.startLive')}
          </a>
        )}
      </p>
      {replies.length === 0 ? (
        <p class="empty-state">{t('replies.none')}</p>
      ) : (
        <>
          <p role="status">{t('replies.counts', { accepted: count('accepted'), declined: count('declined'), tentative: count('tentative'), open: count(null) })}</p>
          {remindable && count(null) > 0 ? (
            <form method="post" action={`${base}/remind`} class="inline-form no-print">
              <p class="field__hint" id="remind-hint">
                {t('replies.remindHint', { count: count(null) })}
              </p>
              <button type="submit" class="button button--secondary" aria-describedby="remind-hint">
                {t('replies.remind')}
              </button>
            </form>
          ) : null}
          {/* Focusable, so that keyboard users can scroll the wide table sideways on a narrow screen. */}
          <div class="table-scroll" tabindex={0} role="region" aria-labelledby="replies-caption" id="replies-table">
            <table class="table">
              <caption class="visually-hidden" id="replies-caption">{t('replies.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('replies.name')}</th>
                  <th scope="col">{t('replies.answer')}</th>
                  <th scope="col">{t('replies.comment')}</th>
                  <th scope="col">{t('replies.substitute')}</th>
                  <th scope="col">{t('replies.invitedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {replies.map((r) => (
                  <tr>
                    <td>
                      {r.name}
                      {r.organisation_name ? <div class="meta">{r.organisation_name}</div> : null}
                      {r.substitute_for_name ? <div class="meta">{t('replies.substituteFor', { name: r.substitute_for_name })}</div> : null}
                    </td>
                    <td>
                      {r.answer ? t(`answer.${r.answer}`) : t('replies.open')}
                      {!r.answer && r.reminded_at ? <div class="meta">{t('replies.remindedAt', { date: fmt.dateTime(r.reminded_at) })}</div> : null}
                    </td>
                    <td>{r.comment ?? ''}</td>
                    <td>{r.substitute ?? ''}</td>
                    <td>{fmt.dateTime(r.invited_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
