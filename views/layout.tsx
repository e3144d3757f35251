import type { Child } from 'hono/jsx';
import type { SessionUser } from '../src/auth/sessions.js';
import type { Flash, Site } from '../src/http/env.js';
import { directionOf, LANGUAGE_NAMES, type PublicLocale, type Translate } from '../src/i18n/index.js';

export interface LayoutProps {
  t: Translate;
  /** The page's language (a public language on public pages, else de/en). */
  locale: PublicLocale;
  /** The languages the switch offers on this page. */
  languages: readonly PublicLocale[];
  /** Whether this page's texts are machine-made translations (a note in the footer says so). */
  machineTranslated: boolean;
  title: string;
  user: SessionUser | null;
  canAdminister: boolean;
  canManagePeople: boolean;
  /** The staff, and representatives of a project's partner organisation (src/projects/access.ts). */
  seesProjects?: boolean;
  flash: Flash | null;
  site: Site;
  /** The path of the page, so the language switch returns to it. */
  path: string;
  children?: Child;
}

// htmx settings: no history snapshots in localStorage (shared office computers), no inline styles
// (the CSP forbids them; indicator styles live in app.css), no eval, and error pages are swapped in
// like any page so a boosted form shows its 422 re-render.
const HTMX_CONFIG = JSON.stringify({
  historyCacheSize: 0,
  refreshOnHistoryMiss: true,
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  selfRequestsOnly: true,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '4..', swap: true },
    { code: '5..', swap: true, error: true },
  ],
});

/** Layout: the accessible frame of every full page (lang, skip link, landmarks, one h1 per page). */
export function Layout(p: LayoutProps) {
  const { t } = p;
  return (
    <html lang={p.locale} dir={directionOf(p.locale) === 'rtl' ? 'rtl' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${p.title} – ${t('app.name')}`}</title>
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <link rel="stylesheet" href="/static/css/app.css" />
        <link rel="stylesheet" href="/static/css/print.css" media="print" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <script src="/static/js/htmx.min.js" defer></script>
        <script src="/static/js/boost-focus.js" defer></script>
        <script src="/static/js/page-language.js" defer></script>
      </head>
      <body hx-boost="true">
        <a class="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="site-header__brand" href="/">
              {p.site.logo ? <img class="site-header__logo" src={`/logo?v=${p.site.logo.slice(0, 16)}`} alt="" height="40" /> : null}
              {t('app.name')}
              <span class="site-header__district">{p.site.districtName}</span>
            </a>
            <nav class="site-nav" aria-label={t('app.mainNav')}>
              <ul>
                <li>
                  <a href="/" aria-current={p.path === '/' ? 'page' : undefined}>
                    {t('nav.home')}
                  </a>
                </li>
                <li>
                  <a href="/directory" aria-current={p.path.startsWith('/directory') ? 'page' : undefined}>
                    {t('nav.directory')}
                  </a>
                </li>
                <li>
                  <a href="/groups" aria-current={p.path.startsWith('/groups') ? 'page' : undefined}>
                    {t('nav.groups')}
                  </a>
                </li>
                <li>
                  <a href="/calendar" aria-current={p.path.startsWith('/calendar') ? 'page' : undefined}>
                    {t('nav.calendar')}
                  </a>
                </li>
                {p.user ? (
                  <li>
                    <a href="/actions" aria-current={p.path.startsWith('/actions') ? 'page' : undefined}>
                      {t('actions.title')}
                    </a>
                  </li>
                ) : null}
                {p.seesProjects ? (
                  <li>
                    <a href="/projects" aria-current={p.path.startsWith('/projects') ? 'page' : undefined}>
                      {t('projects.nav')}
                    </a>
                  </li>
                ) : null}
                {p.canManagePeople ? (
                  <li>
                    <a href="/people" aria-current={p.path.startsWith('/people') ? 'page' : undefined}>
                      {t('nav.people')}
                    </a>
                  </li>
                ) : null}
                {p.canAdminister ? (
                  <li>
                    <a href="/admin" aria-current={p.path.startsWith('/admin') ? 'page' : undefined}>
                      {t('nav.admin')}
                    </a>
                  </li>
                ) : null}
                <li>
                  <a href="/statistics" aria-current={p.path.startsWith('/statistics') ? 'page' : undefined}>
                    {t('nav.statistics')}
                  </a>
                </li>
                <li>
                  <a href="/programmes" aria-current={p.path.startsWith('/programmes') ? 'page' : undefined}>
                    {t('programmes.nav')}
                  </a>
                </li>
              </ul>
            </nav>
            <div class="site-header__account">
              {p.user ? (
                <>
                  <a class="site-header__user" href="/profile" aria-current={p.path === '/profile' ? 'page' : undefined}>
                    {t('app.signedInAs', { name: p.user.name })}
                  </a>
                  <form method="post" action="/logout" class="inline-form">
                    <button type="submit" class="button button--link">
                      {t('nav.logout')}
                    </button>
                  </form>
                </>
              ) : (
                <a href="/login">{t('nav.login')}</a>
              )}
              <LanguageSwitch t={t} current={p.locale} languages={p.languages} path={p.path} />
            </div>
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {p.flash ? (
            <div class={`notice notice--${p.flash.kind} no-print`} role={p.flash.kind === 'error' ? 'alert' : 'status'}>
              {t(p.flash.message)}
            </div>
          ) : null}
          {p.children}
        </main>
        <footer class="site-footer">
          {p.machineTranslated ? <p class="site-footer__note">{t('app.machineTranslated')}</p> : null}
          <p>
            {t('app.footer', { office: p.site.officeName, district: p.site.districtName })}
            {' · '}
            <a href="/datenschutz" aria-current={p.path === '/datenschutz' ? 'page' : undefined}>
              {t('legal.privacy')}
            </a>
            {' · '}
            <a href="/impressum" aria-current={p.path === '/impressum' ? 'page' : undefined}>
              {t('legal.imprint')}
            </a>
          </p>
        </footer>
      </body>
    </html>
  );
}

/**
 * LanguageSwitch: one button per language, each named in itself and marked with its language, so that
 * a screen reader says "Türkçe" in Turkish. A POST (no GET changes anything); back to the same page.
 */
function LanguageSwitch({ t, current, languages, path }: { t: Translate; current: PublicLocale; languages: readonly PublicLocale[]; path: string }) {
  // A whole page load (hx-boost="false"), not a boosted swap: the document's language and direction change.
  return (
    <form method="post" action="/language" class="inline-form language-switch" aria-label={t('app.languageChoice')} hx-boost="false">
      <input type="hidden" name="back" value={path} />
      <ul class="language-switch__list">
        {languages.map((code) => (
          <li>
            <button type="submit" name="lang" value={code} class="button button--link" lang={code} dir={directionOf(code) === 'rtl' ? 'rtl' : undefined} aria-current={code === current ? 'true' : undefined}>
              {LANGUAGE_NAMES[code]}
            </button>
          </li>
        ))}
      </ul>
    </form>
  );
}
