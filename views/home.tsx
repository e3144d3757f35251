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

export function DashboardPage({ t, user }: { t: Translate; user: SessionUser }) {
  return (
    <section>
      <h1>{t('home.dashboard.title', { name: user.name })}</h1>
      <p class="lead">{t('home.dashboard.lead')}</p>
      <p class="empty-state">{t('home.dashboard.empty')}</p>
    </section>
  );
}
