import type { PollStatus } from '../../src/db/schema.js';
import type { Translate } from '../../src/i18n/index.js';
import type { Formatters } from '../../src/lib/berlin-time.js';
import { Content } from '../components.js';

/** PollListPage: a group's date polls (open ones first), and for those who manage it the button to start one. */
export function PollListPage(p: { t: Translate; fmt: Formatters; group: { slug: string; name: string }; polls: { id: number; title: string; status: PollStatus; created_at: string }[]; canCreate: boolean }) {
  const { t, group } = p;
  return (
    <section>
      <p class="meta">
        <a href={`/groups/${group.slug}`}>{group.name}</a>
      </p>
      <h1>{t('polls.listTitle', { group: group.name })}</h1>
      {p.canCreate ? (
        <p>
          <a class="button" href={`/groups/${group.slug}/polls/new`}>
            {t('polls.new')}
          </a>
        </p>
      ) : null}
      {p.polls.length === 0 ? (
        <p class="empty-state">{t('polls.groupEmpty')}</p>
      ) : (
        <ul class="link-list">
          {p.polls.map((poll) => (
            <li>
              <a href={`/polls/${poll.id}`}>
                <Content t={t}>{poll.title}</Content>
              </a>{' '}
              ({t(`polls.status.${poll.status}`)}, {p.fmt.date(poll.created_at)})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
