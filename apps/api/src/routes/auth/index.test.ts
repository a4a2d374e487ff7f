import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../lib/passwords';
import { buildTestApp, type TTestApp } from '../../testing/build-test-app';
import { signIn } from '../../testing/sign-in';

let test: TTestApp;

beforeAll(async () => {
  test = await buildTestApp({ settings: { loginMaxFailures: 3, loginLockMinutes: 15 } });
});

afterAll(async () => {
  await test?.close();
});

const lastEvent = async () => test.app.prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });

describe('sign-in, session and sign-out', () => {
  it('limits sign-in attempts per client IP, and audits the refusal', async () => {
    const limited = await buildTestApp({ settings: { loginRateLimitPerMinute: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await limited.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: 'nobody@test.lightbox', password: 'x' },
        });
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      // The refusal is audited without holding up the 429: wait for it (up to 5 s), then check it is there once.
      const audited = () => limited.app.prisma.auditEvent.count({ where: { action: 'auth.rate_limited' } });
      for (let i = 0; i < 100 && (await audited()) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await audited()).toBe(1);
    } finally {
      await limited.close();
    }
  });

  it('signs in with an httpOnly cookie, answers /api/me, and audits the login', async () => {
    const session = await signIn(test.app, 'radiologist');
    const login = await lastEvent();
    expect(login).toMatchObject({ action: 'auth.login', outcome: 'success', actorId: session.userId });

    const me = await test.app.inject({ method: 'GET', url: '/api/me', headers: session.read });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { email: session.email, role: 'radiologist' },
      csrfToken: session.csrfToken,
    });

    const stored = await test.app.prisma.session.findFirstOrThrow({ where: { userId: session.userId } });
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(session.read.cookie).not.toContain(stored.tokenHash);
  });

  it('sets the cookie httpOnly and SameSite=Lax', async () => {
    const email = 'cookie@test.lightbox';
    await test.app.prisma.user.create({
      data: { email, passwordHash: await hashPassword('correct horse battery'), role: 'compliance' },
    });
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'Cookie@Test.Lightbox', password: 'correct horse battery' },
    });
    expect(response.statusCode).toBe(200);
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
  });

  it('refuses a write without the CSRF token, and audits the refusal', async () => {
    const session = await signIn(test.app, 'admin');
    const response = await test.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.read });
    expect(response.statusCode).toBe(403);
    expect(response.json().details.reason).toBe('csrf_token_missing_or_wrong');
    expect(await lastEvent()).toMatchObject({ action: 'auth.refused', outcome: 'denied', actorId: session.userId });

    const csrf = await test.app.inject({ method: 'GET', url: '/api/auth/csrf', headers: session.read });
    expect(csrf.json().token).toBe(session.csrfToken);
  });

  it('logs out: the session stops working', async () => {
    const session = await signIn(test.app, 'ml_engineer');
    const out = await test.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.write });
    expect(out.statusCode).toBe(204);
    expect(await lastEvent()).toMatchObject({ action: 'auth.logout', actorId: session.userId });
    const me = await test.app.inject({ method: 'GET', url: '/api/me', headers: session.read });
    expect(me.statusCode).toBe(401);
  });

  it('answers a wrong password and an unknown email alike, and audits both', async () => {
    const session = await signIn(test.app, 'radiologist');
    const wrong = await test.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: session.email, password: 'not it' },
    });
    const unknown = await test.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@test.lightbox', password: 'not it' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe(unknown.json().message);
    expect(await lastEvent()).toMatchObject({
      action: 'auth.login',
      outcome: 'failure',
      actorEmail: 'nobody@test.lightbox',
    });
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    const session = await signIn(test.app, 'radiologist');
    for (let i = 0; i < 3; i++) {
      const r = await test.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: session.email, password: `wrong-${i}` },
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await test.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: session.email, password: session.password },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().message).toMatch(/locked/);
    expect(await lastEvent()).toMatchObject({ action: 'auth.login', outcome: 'denied' });

    await test.app.prisma.user.update({
      where: { id: session.userId },
      data: { lockedUntil: new Date(Date.now() - 1) },
    });
    const again = await test.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: session.email, password: session.password },
    });
    expect(again.statusCode).toBe(200);
  });
});
