import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TTestApp } from '../../testing/build-test-app';
import { dicomWithIdentity } from '../../testing/dicom-with-identity';
import { multipart } from '../../testing/multipart';
import { signIn, type TSignedIn } from '../../testing/sign-in';

const PNG = new Uint8Array(
  readFileSync(new URL('../../../../../packages/engine/test/fixtures/images/png/gray-8.png', import.meta.url)),
);

let test: TTestApp;
let radiologist: TSignedIn;

beforeAll(async () => {
  test = await buildTestApp({ settings: { pseudonymSecret: 'case-test-secret-case-test-secret' } });
  radiologist = await signIn(test.app, 'radiologist');
});

afterAll(async () => {
  await test?.close();
});

function upload(bytes: Uint8Array, app = test.app) {
  const body = multipart([{ name: 'file', value: bytes, filename: 'upload.bin' }]);
  return app.inject({
    method: 'POST',
    url: '/api/cases',
    payload: body.payload,
    headers: { ...body.headers, ...radiologist.write },
  });
}

describe('POST /api/cases', () => {
  it('accepts a PNG, and serves it back as a PNG; reads are audited', async () => {
    const response = await upload(PNG);
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({ format: 'png', patientPseudonym: null, originalKept: false });

    const read = await test.app.inject({ method: 'GET', url: `/api/cases/${created.id}`, headers: radiologist.read });
    expect(read.json().id).toBe(created.id);
    const image = await test.app.inject({ method: 'GET', url: created.imageUrl, headers: radiologist.read });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.subarray(1, 4).toString()).toBe('PNG');

    const actions = (
      await test.app.prisma.auditEvent.findMany({ where: { caseId: created.id }, orderBy: { seq: 'asc' } })
    ).map((event) => event.action);
    expect(actions).toEqual(['case.upload', 'case.read', 'case.image.read']);
  });

  it('de-identifies DICOM and keeps one patient’s studies together under one pseudonym', async () => {
    const first = (
      await upload(dicomWithIdentity({ patientId: 'MRN-1', studyUid: '1.2.826.0.1.3680043.99.10' }))
    ).json();
    const second = (
      await upload(dicomWithIdentity({ patientId: 'MRN-1', studyUid: '1.2.826.0.1.3680043.99.11' }))
    ).json();
    const other = (await upload(dicomWithIdentity({ patientId: 'MRN-2' }))).json();

    expect(first.format).toBe('dicom');
    expect(first.patientPseudonym).toMatch(/^PAT-/);
    expect(second.patientPseudonym).toBe(first.patientPseudonym);
    expect(second.studyPseudonym).not.toBe(first.studyPseudonym);
    expect(other.patientPseudonym).not.toBe(first.patientPseudonym);
    expect(first.originalKept).toBe(false);
    expect(first.storedSha256).not.toBe(first.inputSha256);

    const stored = await test.app.prisma.blob.findUniqueOrThrow({ where: { sha256: first.storedSha256 } });
    const text = Buffer.from(stored.bytes).toString('latin1');
    expect(text).not.toContain('MRN-1');
    expect(text).not.toContain('Doe^Jane');
    expect(await test.app.prisma.blob.findUnique({ where: { sha256: first.inputSha256 } })).toBeNull();

    const windowed = await test.app.inject({
      method: 'GET',
      url: `${first.imageUrl}?window=100,50`,
      headers: radiologist.read,
    });
    expect(windowed.statusCode).toBe(200);
    const bad = await test.app.inject({
      method: 'GET',
      url: `${first.imageUrl}?window=abc`,
      headers: radiologist.read,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('keeps the original DICOM only when told to', async () => {
    const keeping = await buildTestApp({ settings: { keepOriginalDicom: true } });
    try {
      radiologist = await signIn(keeping.app, 'radiologist');
      const created = (await upload(dicomWithIdentity(), keeping.app)).json();
      expect(created.originalKept).toBe(true);
      expect(await keeping.app.prisma.blob.findUnique({ where: { sha256: created.inputSha256 } })).not.toBeNull();
    } finally {
      await keeping.close();
      radiologist = await signIn(test.app, 'radiologist');
    }
  });

  it('refuses what is not an image with 4xx, and files over the size limit with 413', async () => {
    expect((await upload(new TextEncoder().encode('hello'))).statusCode).toBe(422);
    const small = await buildTestApp({ settings: { caseMaxBytes: 100 } });
    try {
      const session = await signIn(small.app, 'radiologist');
      const body = multipart([{ name: 'file', value: PNG }]);
      const response = await small.app.inject({
        method: 'POST',
        url: '/api/cases',
        payload: body.payload,
        headers: { ...body.headers, ...session.write },
      });
      expect(response.statusCode).toBe(413);
    } finally {
      await small.close();
    }
  });

  it('lists cases with paging', async () => {
    const list = await test.app.inject({ method: 'GET', url: '/api/cases?pageSize=2', headers: radiologist.read });
    expect(list.json()).toMatchObject({ page: 1, pageSize: 2 });
    expect(list.json().items).toHaveLength(2);
    expect(list.json().total).toBeGreaterThanOrEqual(4);
  });
});
