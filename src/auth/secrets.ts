import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/**
 * Tokens after the Lucia design: "<id>.<secret>". The id finds the row; only the SHA-256 of the secret is
 * stored, and it is compared in constant time, so a leaked database or a timing side channel does not
 * give away a usable token.
 */

/** randomString: 120 bits of randomness as 24 lower-case base32 characters. */
export function randomString(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(15));
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** secretMatches compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** splitToken parses "<id>.<secret>"; returns null for anything else. */
export function splitToken(token: string | undefined): { id: string; secret: string } | null {
  if (!token || token.length > 100) return null;
  const match = /^([a-z2-7]{24})\.([a-z2-7]{24})$/.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

/** newToken makes a fresh id, secret and the secret's hash. */
export function newToken(): { id: string; secret: string; token: string; secretHash: string } {
  const id = randomString();
  const secret = randomString();
  return { id, secret, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}
