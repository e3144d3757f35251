import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sameOriginPath } from '../src/auth/redirect-target.js';
import { createHarness, createUser, ORIGIN, TEST_PASSWORD, type TestHarness } from './helpers/app.js';

/**
 * Every redirect that takes its target from the request (login `next`, language `back`) goes only to a
 * path on this site, whatever the target: the class of open redirects, not one spelling of it.
 */
const NASTY = [
  '//evil.example/phish',
  '/.//evil.example/phish',
  '/..//evil.example/phish',
  '/./..//evil.example',
  '/a/../..//evil.example',
  '///evil.example',
  '/\\evil.example',
  '/.\\/evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/%2F%2Fevil.example',
  '/%2f/evil.example',
  '/.%2F/evil.example',
  '/%5Cevil.example',
  '/%5C%5Cevil.example',
  '/%09/evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  ' //evil.example',
  '/ /evil.example',
  'https://evil.example',
  'https:evil.example',
  'http:/evil.example',
  '//evil.example@localhost',
  'javascript:alert(1)',
  'data:text/html,x',
  '/%0d%0aSet-Cookie:x=1',
  `/${'a'.repeat(600)}`,
];

/** A Location that is a path on this site: resolved on our origin it stays there, and it is a plain path. */
function expectSameOriginPath(location: string | null, what: string) {
  expect(location, what).not.toBeNull();
  expect(location!.startsWith('/') && !location!.startsWith('//') && !location!.includes('\\'), `${what} → ${location}`).toBe(true);
  expect(/[\u0000-\u0020\u007f]/.test(location!), `${what} → ${JSON.stringify(location)}`).toBe(false);
  expect(new URL(location!, ORIGIN).origin, `${what} → ${location}`).toBe(ORIGIN);
}

let h: TestHarness;
beforeAll(async () => {
  h = await createHarness();
  await createUser(h.db, { name: 'Anna Schulz', email: 'anna@example.org', role: 'member' });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.db.deleteFrom('throttle').execute();
});

describe('sameOriginPath', () => {
  it.each(NASTY)('keeps %j on this site or refuses it', (target) => {
    const path = sameOriginPath(target);
    if (path !== undefined) expectSameOriginPath(path, JSON.stringify(target));
  });

  it('refuses the reported ones and keeps ordinary paths with their query', () => {
    expect(sameOriginPath('/.//evil.example/phish')).toBeUndefined();
    expect(sameOriginPath('/..//evil.example')).toBeUndefined();
    expect(sameOriginPath('/meetings/12?tab=agenda')).toBe('/meetings/12?tab=agenda');
    expect(sameOriginPath('/groups/ak-intern/../ak-extern')).toBe('/groups/ak-extern');
    expect(sameOriginPath('/suche?q=%C3%BC')).toBe('/suche?q=%C3%BC');
    expect(sameOriginPath(undefined)).toBeUndefined();
    expect(sameOriginPath(['/a'])).toBeUndefined();
  });
});

describe('every redirect with a target from the request', () => {
  it.each(NASTY)('%j', async (target) => {
    const what = JSON.stringify(target);
    // The login page carries the target in its form only when it is a path here.
    const page = await h.browser().get(`/login?next=${encodeURIComponent(target)}`);
    const hidden = /name="next" value="([^"]*)"/.exec(await page.text());
    if (hidden) expectSameOriginPath(hidden[1]!.replace(/&amp;/g, '&'), `login form ${what}`);

    const signIn = await h.browser().post('/login', { email: 'anna@example.org', password: TEST_PASSWORD, next: target });
    expect(signIn.status, what).toBe(303);
    expectSameOriginPath(signIn.headers.get('location'), `POST /login ${what}`);

    const signedIn = h.browser();
    await signedIn.login('anna@example.org', TEST_PASSWORD);
    const already = await signedIn.get(`/login?next=${encodeURIComponent(target)}`);
    expect(already.status, what).toBe(303);
    expectSameOriginPath(already.headers.get('location'), `GET /login signed in ${what}`);

    const language = await h.browser().post('/language', { lang: 'en', back: target });
    expect(language.status, what).toBe(303);
    expectSameOriginPath(language.headers.get('location'), `POST /language ${what}`);
  });

  it('the reported targets go to the start page, ordinary ones are kept', async () => {
    for (const target of ['/.//evil.example/phish', '/..//evil.example']) {
      expect((await h.browser().post('/login', { email: 'anna@example.org', password: TEST_PASSWORD, next: target })).headers.get('location')).toBe('/');
      expect((await h.browser().post('/language', { lang: 'de', back: target })).headers.get('location')).toBe('/');
    }
    expect((await h.browser().post('/login', { email: 'anna@example.org', password: TEST_PASSWORD, next: '/calendar?view=list' })).headers.get('location')).toBe('/calendar?view=list');
    expect((await h.browser().post('/language', { lang: 'de', back: '/directory?q=Haan' })).headers.get('location')).toBe('/directory?q=Haan');
  });
});
