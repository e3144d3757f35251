import type { SessionUser } from '../src/auth/sessions.js';
import type { Translate } from '../src/i18n/index.js';

export function LandingPage({ t, districtName }: { t: Translate; districtName: string }) {
  return (
    <section>
      <h1>{t('app.name')}</h1>
      <p class="lead">{t('home.landing.lead', { district: districtName })}</p>
      <p>{t('home.landing.members')}</p>
      <p>
        <a class="button" href="/login">
          {t('nav.login')}
        </a>
      </p>
    </section>
  );
}

export function DashboardPage({ t, user, groups }: { t: Translate; user: SessionUser; groups: { slug: string; name: string; roleLabel: string }[] }) {
  return (
    <section>
      <h1>{t('home.dashboard.title', { name: user.name })}</h1>
      <p class="lead">{t('home.dashboard.lead')}</p>
      <h2>{t('home.dashboard.groups')}</h2>
      {groups.length === 0 ? (
        <p class="empty-state">{t('home.dashboard.noGroups')}</p>
      ) : (
        <ul class="link-list">
          {groups.map((g) => (
            <li>
              <a href={`/groups/${g.slug}`}>{g.name}</a> ({g.roleLabel})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
