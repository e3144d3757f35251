import type { Formatters } from '../../src/lib/berlin-time.js';
import type { Translate } from '../../src/i18n/index.js';
import { excerpt, type MinutesHit } from '../../src/minutes/search.js';

/** MinutesSearchPage: notes and decisions of the viewer's groups that contain the words searched for. */
export function MinutesSearchPage(p: { t: Translate; fmt: Formatters; query: string; hits: MinutesHit[] }) {
  const { t, fmt } = p;
  return (
    <section>
      <h1>{t('minutesSearch.title')}</h1>
      <p>{t('minutesSearch.lead')}</p>
      <form method="get" action="/minutes/search" class="search-form" role="search">
        <div class="field field--wide">
          <label for="minutes-q">{t('minutesSearch.query')}</label>
          <input type="search" id="minutes-q" name="q" value={p.query} maxlength={200} />
        </div>
        <button type="submit" class="button">
          {t('minutesSearch.submit')}
        </button>
      </form>
      {p.query.trim() ? (
        <>
          <h2 id="hits">{t('minutesSearch.count', { n: String(p.hits.length) })}</h2>
          {p.hits.length === 0 ? <p class="empty-state">{t('minutesSearch.none')}</p> : null}
          <ol class="search-results" aria-labelledby="hits">
            {p.hits.map((h) => (
              <li>
                <a href={`/meetings/${h.meeting_id}/minutes#top-${h.agenda_item_id}`}>
                  {h.meeting_title}, {fmt.date(h.starts_at)}: {h.item_title}
                </a>
                <p class="meta">
                  {h.group_name} · {h.kind === 'decision' ? (h.label ? t('minutes.decisionN', { n: h.label }) : t('minutes.decision')) : t('minutesSearch.notes')}
                </p>
                <p>{excerpt(h.text, p.query)}</p>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
