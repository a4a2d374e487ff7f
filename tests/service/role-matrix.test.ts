import { readFileSync } from 'node:fs';
import { ROLES, type TRole } from '@lightbox/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startService, type TService, type TSignedIn } from './harness';

let service: TService;
const sessions = {} as Record<TRole, TSignedIn>;

beforeAll(async () => {
  service = await startService();
  for (const role of ROLES) sessions[role] = await signIn(service.test.app, role);
});

afterAll(async () => {
  await service?.close();
});

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

/** A concrete URL for a route pattern: every parameter becomes a syntactically valid id. */
function concrete(pattern: string): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) =>
    pattern.startsWith('/api/jobs') && name === 'id' ? 'explain-0' : SAMPLE_ID,
  );
}

describe('the role matrix', () => {
  it('covers every /api route: each declares its roles or is public', () => {
    const routes = [...service.test.app.routeRoles.keys()];
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/models',
        'GET /api/audit',
        'POST /api/cases/:id/reviews',
        'PATCH /api/users/:id',
      ]),
    );
    expect(routes.length).toBeGreaterThanOrEqual(20);
  });

  it('matches the role matrix table in ARCHITECTURE.md, row for row', () => {
    const doc = readFileSync(new URL('../../ARCHITECTURE.md', import.meta.url), 'utf8');
    const documented = new Map<string, string[]>();
    for (const match of doc.matchAll(/^\|\s*`([A-Z]+ \/api[^`]*)`\s*\|(.*)\|$/gm)) {
      const cells = match[2]!.split('|').map((cell) => cell.trim());
      documented.set(
        match[1]!,
        ROLES.filter((_, i) => cells[i] === '✓'),
      );
    }
    const actual = new Map([...service.test.app.routeRoles].map(([key, roles]) => [key, [...roles].sort()]));
    expect(Object.fromEntries([...documented].map(([k, v]) => [k, [...v].sort()]))).toEqual(Object.fromEntries(actual));
  });

  it('refuses every role outside a route’s matrix with 403, and anyone signed out with 401, auditing each refusal', async () => {
    const app = service.test.app;
    const before = await app.prisma.auditEvent.count({ where: { action: 'auth.refused' } });
    let refusals = 0;
    for (const [key, roles] of app.routeRoles) {
      const [method, pattern] = key.split(' ') as [string, string];
      const url = concrete(pattern);
      const anonymous = await app.inject({ method: method as 'GET', url, payload: method === 'GET' ? undefined : {} });
      expect([key, anonymous.statusCode]).toEqual([key, 401]);
      refusals += 1;
      for (const role of ROLES.filter((r) => !roles.includes(r))) {
        const response = await app.inject({
          method: method as 'GET',
          url,
          headers: sessions[role].write,
          payload: method === 'GET' ? undefined : {},
        });
        expect([key, role, response.statusCode]).toEqual([key, role, 403]);
        refusals += 1;
      }
    }
    const after = await app.prisma.auditEvent.count({ where: { action: 'auth.refused' } });
    expect(after - before).toBe(refusals);
    const sample = await app.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'auth.refused', actorRole: 'compliance' },
    });
    expect(sample.outcome).toBe('denied');
    expect(sample.details).toMatchObject({ status: 403, reason: 'role_not_allowed' });
  });

  it('lets each role through on the routes of its matrix (no 401/403)', async () => {
    const app = service.test.app;
    for (const [key, roles] of app.routeRoles) {
      const [method, pattern] = key.split(' ') as [string, string];
      if (method !== 'GET' || pattern.endsWith('/events')) continue;
      for (const role of roles) {
        const response = await app.inject({ method: 'GET', url: concrete(pattern), headers: sessions[role].read });
        expect([key, role, [401, 403].includes(response.statusCode)]).toEqual([key, role, false]);
      }
    }
  });
});
