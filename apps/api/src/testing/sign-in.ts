import { randomBytes } from 'node:crypto';
import type { TRole } from '@lightbox/contracts';
import type { TApp } from '../app';
import { hashPassword } from '../lib/passwords';
import { SESSION_COOKIE } from '../lib/session-token';

export type TSignedIn = {
  userId: string;
  email: string;
  password: string;
  /** Headers for a read: the session cookie. */
  read: { cookie: string };
  /** Headers for a write: the cookie and the CSRF token. */
  write: { cookie: string; 'x-csrf-token': string };
  csrfToken: string;
};

/** Creates an account with `role` directly in the database, then signs in through POST /api/auth/login. */
export async function signIn(app: TApp, role: TRole, email?: string): Promise<TSignedIn> {
  const address = email ?? `${role}-${randomBytes(4).toString('hex')}@test.lightbox`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const user = await app.prisma.user.create({
    data: { email: address, passwordHash: await hashPassword(password), role },
  });
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: address, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('sign-in set no session cookie');
  const csrfToken = response.json<{ csrfToken: string }>().csrfToken;
  const header = `${SESSION_COOKIE}=${cookie.value}`;
  return {
    userId: user.id,
    email: address,
    password,
    read: { cookie: header },
    write: { cookie: header, 'x-csrf-token': csrfToken },
    csrfToken,
  };
}
