import { parseDatabaseUrl } from '@lightbox/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TTestApp } from '../../testing/build-test-app';
import { signIn, type TSignedIn } from '../../testing/sign-in';

let test: TTestApp;
let compliance: TSignedIn;
let radiologist: TSignedIn;

beforeAll(async () => {
  test = await buildTestApp();
  compliance = await signIn(test.app, 'compliance');
  radiologist = await signIn(test.app, 'radiologist');
  // A refusal, so there is a denied event to filter on.
  await test.app.inject({ method: 'GET', url: '/api/audit', headers: radiologist.read });
});

afterAll(async () => {
  await test?.close();
});

const get = (url: string, headers = compliance.read) => test.app.inject({ method: 'GET', url, headers });

describe('GET /api/audit', () => {
  it('lists events newest first with a total, and filters by actor, action and outcome', async () => {
    const all = (await get('/api/audit')).json();
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect(Number(all.items[0].seq)).toBeGreaterThan(Number(all.items[1].seq));

    const denied = (await get(`/api/audit?outcome=denied&actorId=${radiologist.userId}`)).json();
    expect(denied.total).toBe(1);
    expect(denied.items[0]).toMatchObject({ action: 'auth.refused', actorEmail: radiologist.email });

    const logins = (await get('/api/audit?action=auth.login&sort=actorEmail&order=asc&pageSize=1&page=2')).json();
    expect(logins).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(logins.items[0].actorEmail).toBe([radiologist.email, compliance.email].sort()[1]);
  });

  it('filters by time range', async () => {
    const future = (
      await get(`/api/audit?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)
    ).json();
    expect(future.total).toBe(0);
  });

  it('rejects an unknown sort field with 400', async () => {
    expect((await get('/api/audit?sort=hash')).statusCode).toBe(400);
  });
});

describe('GET /api/audit/export', () => {
  it('exports CSV with a header row', async () => {
    const response = await get('/api/audit/export?format=csv&action=auth.login');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^seq,id,at,actorId,actorEmail/);
    expect(lines).toHaveLength(3);
  });

  it('exports a FHIR R4 Bundle of AuditEvent resources, and audits the export', async () => {
    const response = await get('/api/audit/export?format=fhir');
    expect(response.statusCode).toBe(200);
    const bundle = response.json();
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const first = bundle.entry[0].resource;
    expect(first).toMatchObject({ resourceType: 'AuditEvent', action: 'E', outcome: '0' });
    expect(first.agent[0].requestor).toBe(true);
    expect(first.source.observer.display).toBe('Lightbox');
    expect(typeof first.recorded).toBe('string');
    const exported = (await get('/api/audit?action=audit.export')).json();
    expect(exported.items[0].details).toMatchObject({ format: 'fhir' });
  });

  it('exports JSON', async () => {
    const response = await get('/api/audit/export?format=json');
    expect(response.json().items.length).toBeGreaterThan(0);
  });
});

describe('GET /api/audit/verify', () => {
  it('verifies the chain, then reports the first row changed behind its back', async () => {
    const ok = (await get('/api/audit/verify')).json();
    expect(ok).toMatchObject({ valid: true });
    expect(ok.head).toMatch(/^[0-9a-f]{64}$/);

    const client = new pg.Client({ connectionString: parseDatabaseUrl(test.db.url).connectionString });
    await client.connect();
    try {
      await client.query(`SET search_path TO "${test.db.schema}"`);
      await client.query('ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"');
      await client.query(
        `UPDATE "AuditEvent" SET "actorEmail" = 'someone.else@test.lightbox' WHERE seq = (SELECT seq FROM "AuditEvent" ORDER BY seq OFFSET 1 LIMIT 1)`,
      );
      await client.query('ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"');
    } finally {
      await client.end();
    }
    const bad = (await get('/api/audit/verify')).json();
    expect(bad).toMatchObject({ valid: false, firstBadIndex: 1 });
  });
});
