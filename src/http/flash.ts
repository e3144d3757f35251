import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { de } from '../i18n/de.js';
import type { MessageKey } from '../i18n/index.js';
import type { AppEnv, Flash } from './env.js';
import { isHttps } from './https.js';

// A flash message survives one redirect in a short-lived cookie. It holds a catalogue key, never text,
// so nothing a visitor sends can be shown as a message.
const COOKIE = 'hub_flash';

export function setFlash(c: Context<AppEnv>, kind: Flash['kind'], message: MessageKey): void {
  setCookie(c, COOKIE, `${kind}:${message}`, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c), maxAge: 120 });
}

/** redirectWithFlash: Post/Redirect/Get with a message for the next page. */
export function redirectWithFlash(c: Context<AppEnv>, location: string, kind: Flash['kind'], message: MessageKey): Response {
  setFlash(c, kind, message);
  return c.redirect(location, 303);
}

/** takeFlash reads and clears the flash cookie; null when there is none or it is not a known message. */
export function takeFlash(c: Context<AppEnv>): Flash | null {
  const raw = getCookie(c, COOKIE);
  if (!raw) return null;
  deleteCookie(c, COOKIE, { path: '/' });
  const [kind, message] = raw.split(':', 2) as [string, string | undefined];
  if (!message || !(message in de) || !['success', 'error', 'info'].includes(kind)) return null;
  return { kind: kind as Flash['kind'], message: message as MessageKey };
}
