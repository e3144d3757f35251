import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { formatters } from '../lib/berlin-time.js';
import type { AppEnv } from '../http/env.js';
import { dataLocale, INTERFACE_LOCALES, negotiate, parseLocale, parsePublicLocale, PUBLIC_LOCALES, translator, type Locale, type PublicLocale } from './index.js';

/**
 * The public pages: the pages a visitor without an account reads, served in every public language
 * (de, en, tr, ar, ru, uk). Every other page speaks German or English only. A page joins by a line
 * here; its texts must then exist in every public catalogue (test/i18n-public-keys.test.ts).
 */
export const PUBLIC_PAGES: readonly RegExp[] = [
  /^\/$/,
  /^\/directory$/,
  /^\/directory\/overview$/,
  /^\/directory\/new$/,
  /^\/directory\/[1-9][0-9]{0,8}$/,
  /^\/calendar$/,
  /^\/datenschutz$/,
  /^\/impressum$/,
  /^\/cities(?:\/[a-z0-9-]{1,80})?$/,
  /^\/contact(?:\/thanks)?$/,
  /^\/statistics\/need$/,
  // The statistics page and its downloads (the SVG's title and desc speak the page's language).
  // Funding programmes (src/programmes/): the list and a programme's page.
  /^\/programmes(?:\/[1-9][0-9]{0,8})?$/,
  // Advice requests (src/advice/): the form's answer (sent with errors) and its confirmation page.
  /^\/programmes\/[1-9][0-9]{0,8}\/advice(?:\/thanks)?$/,
  /^\/statistics(?:\/[a-z0-9_]{1,80}\/(?:bars|lines|compare)\/(?:chart\.svg|data\.csv)|\/cities\/[a-z0-9-]{1,80}\/age\/(?:chart\.svg|data\.csv))?$/,
];

export function isPublicPage(path: string): boolean {
  return PUBLIC_PAGES.some((p) => p.test(path));
}

/**
 * speaksPublicLanguages: whether this request's page is offered in all public languages: a public
 * page read without signing in. Signed-in people get German or English everywhere, also on the public
 * pages: what they see there (edit links, review notices, staff fields) belongs to the members'
 * interface, which is German and English only; a half-translated page would be worse than a whole
 * German one.
 */
export function speaksPublicLanguages(c: Context<AppEnv>): boolean {
  return !c.var.user && isPublicPage(c.req.path);
}

/** chooseLanguage: the chosen language (cookie) if allowed here, else German; without a cookie, Accept-Language among the allowed ones. */
export function chooseLanguage<L extends string>(cookie: string | undefined, acceptLanguage: string | undefined, allowed: readonly L[], parse: (v: string | undefined) => L): L {
  if (cookie !== undefined) return parse(cookie);
  return negotiate(acceptLanguage, allowed) ?? parse(undefined);
}

/** interfaceLocale: the language of a members' page for this request (cookie, else Accept-Language among de/en). */
export function interfaceLocale(c: Context): Locale {
  return chooseLanguage(getCookie(c, 'lang'), c.req.header('Accept-Language'), INTERFACE_LOCALES, parseLocale);
}

/**
 * publicLanguage (mounted after the session): on a public page read without signing in, the page
 * speaks the visitor's public language: `lang`, `t` and `fmt` are replaced; `locale` (the language of
 * data labels such as reference lists) falls back to German for the public-only languages.
 */
export const publicLanguage: MiddlewareHandler<AppEnv> = async (c, next) => {
  const cookie = getCookie(c, 'lang');
  // Without a cookie the language follows Accept-Language: caches must keep the variants apart.
  if (cookie === undefined) c.header('Vary', 'Accept-Language', { append: true });
  if (speaksPublicLanguages(c)) {
    const lang: PublicLocale = chooseLanguage(cookie, c.req.header('Accept-Language'), PUBLIC_LOCALES, parsePublicLocale);
    c.set('lang', lang);
    c.set('locale', dataLocale(lang));
    c.set('t', translator(lang));
    c.set('fmt', formatters(lang));
  }
  await next();
};
