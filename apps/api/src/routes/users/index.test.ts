import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TTestApp } from '../../testing/build-test-app';
import { signIn, type TSignedIn } from '../../testing/sign-in';

let test: TTestApp;
let admin: TSignedIn;

beforeAll(async () => {
  test = await buildTestApp();
  admin = await signIn(test.app, 'admin');
});

afterAll(async () => {
  await test?.close();
});

describe('/api/users', () => {
  it('creates an account, refuses a duplicate email, lists accounts', async () => {
    const created = await test.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.write,
      payload: { email: 'New.Person@Test.Lightbox', password: 'a long enough passphrase', role: 'radiologist' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: 'new.person@test.lightbox', role: 'radiologist', disabled: false });
    expect(created.body).not.toContain('argon2');

    const duplicate = await test.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.write,
      payload: { email: 'new.person@test.lightbox', password: 'a long enough passphrase', role: 'compliance' },
    });
    expect(duplicate.statusCode).toBe(409);

    const short = await test.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.write,
      payload: { email: 'x@test.lightbox', password: 'short', role: 'compliance' },
    });
    expect(short.statusCode).toBe(400);

    const list = await test.app.inject({ method: 'GET', url: '/api/users', headers: admin.read });
    expect(list.json().items.map((u: { email: string }) => u.email)).toContain('new.person@test.lightbox');
  });

  it('changes a role (audited, sessions ended) and disables an account', async () => {
    const user = await signIn(test.app, 'radiologist');
    const changed = await test.app.inject({
      method: 'PATCH',
      url: `/api/users/${user.userId}`,
      headers: admin.write,
      payload: { role: 'compliance' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().role).toBe('compliance');
    const event = await test.app.prisma.auditEvent.findFirstOrThrow({ where: { action: 'user.role_change' } });
    expect(event.details).toMatchObject({ userId: user.userId, from: 'radiologist', to: 'compliance' });
    expect((await test.app.inject({ method: 'GET', url: '/api/me', headers: user.read })).statusCode).toBe(401);

    const again = await signIn(test.app, 'radiologist');
    const disabled = await test.app.inject({
      method: 'PATCH',
      url: `/api/users/${again.userId}`,
      headers: admin.write,
      payload: { disabled: true },
    });
    expect(disabled.json().disabled).toBe(true);
    const login = await test.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: again.email, password: again.password },
    });
    expect(login.statusCode).toBe(401);
  });

  it('keeps an admin from locking themselves out', async () => {
    const response = await test.app.inject({
      method: 'PATCH',
      url: `/api/users/${admin.userId}`,
      headers: admin.write,
      payload: { disabled: true },
    });
    expect(response.statusCode).toBe(409);
  });

  it('is refused to other roles with 403', async () => {
    const radiologist = await signIn(test.app, 'radiologist');
    const response = await test.app.inject({ method: 'GET', url: '/api/users', headers: radiologist.read });
    expect(response.statusCode).toBe(403);
  });
});
