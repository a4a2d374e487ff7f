import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The session cookie's name. */
export const SESSION_COOKIE = 'lightbox_session';

/** A new session token: 32 random bytes, base64url. Only the cookie holds it; the database holds its hash. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What `Session.tokenHash` stores: lowercase hex SHA-256 of the token. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The CSRF token of a session: HMAC-SHA256 keyed by the session token. A page on another site can neither read the
 * httpOnly cookie nor this token, so it cannot forge a write; and the database (which only has the token's hash)
 * cannot produce it either.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('lightbox-csrf-v1').digest('base64url');
}

export function csrfTokenMatches(sessionToken: string, candidate: string | undefined): boolean {
  if (!candidate) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(candidate);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
