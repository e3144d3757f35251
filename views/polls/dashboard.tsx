import type { Translate } from '../../src/i18n/index.js';
import { contentLang } from '../components.js';

/** OpenPolls: the dashboard's list of open date polls of the member's groups (nothing when none). */
export function OpenPolls({ t, polls }: { t: Translate; polls: { id: number; title: string; group_name: string; answered: boolean }[] }) {
  if (!polls.length) return null;
  return (
    <>
      <h2 id="open-polls">{t('polls.dashboard.title')}</h2>
      <ul class="link-list" aria-labelledby="open-polls">
        {polls.map((p) => (
          <li>
            <a href={`/polls/${p.id}`} lang={contentLang(t)}>
              {p.title}
            </a>{' '}
            ({p.group_name}) – {p.answered ? t('polls.dashboard.answered') : <strong>{t('polls.dashboard.open')}</strong>}
          </li>
        ))}
      </ul>
    </>
  );
}
