import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TTestApp } from '../../testing/build-test-app';
import { multipart } from '../../testing/multipart';
import { signIn, type TSignedIn } from '../../testing/sign-in';

const MODELS = new URL('../../../../../tests/malformed/models/', import.meta.url);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, MODELS)));
const TINY = read('tiny.onnx');
const CARD = JSON.parse(readFileSync(new URL('tiny.card.json', MODELS), 'utf8'));

let test: TTestApp;
let ml: TSignedIn;

beforeAll(async () => {
  test = await buildTestApp();
  ml = await signIn(test.app, 'ml_engineer');
});

afterAll(async () => {
  await test?.close();
});

function upload(model: Uint8Array, card: unknown, session = ml) {
  const body = multipart([
    { name: 'model', value: model, filename: 'model.onnx' },
    { name: 'card', value: typeof card === 'string' ? card : JSON.stringify(card) },
  ]);
  return test.app.inject({
    method: 'POST',
    url: '/api/models',
    payload: body.payload,
    headers: { ...body.headers, ...session.write },
  });
}

describe('POST /api/models', () => {
  it('registers a model after running it, content-addressed and audited', async () => {
    const response = await upload(TINY, CARD);
    expect(response.statusCode).toBe(201);
    const model = response.json();
    expect(model).toMatchObject({ name: 'tiny', version: '1.0.0', task: 'multiclass', labels: ['a', 'b', 'c'] });
    expect(model.sha256).toMatch(/^[0-9a-f]{64}$/);
    const blob = await test.app.prisma.blob.findUniqueOrThrow({ where: { sha256: model.sha256 } });
    expect(blob.size).toBe(TINY.byteLength);
    const event = await test.app.prisma.auditEvent.findFirstOrThrow({ where: { action: 'model.register' } });
    expect(event).toMatchObject({ modelName: 'tiny', modelVersion: '1.0.0', modelSha256: model.sha256 });

    const list = await test.app.inject({ method: 'GET', url: '/api/models', headers: ml.read });
    expect(list.json().items.map((m: { id: string }) => m.id)).toContain(model.id);
    const one = await test.app.inject({ method: 'GET', url: `/api/models/${model.id}`, headers: ml.read });
    expect(one.json().card.input.name).toBe('input');
  });

  it('answers 409 with a clear message for a name and version already registered', async () => {
    const response = await upload(TINY, CARD);
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toMatch(/"tiny" version "1.0.0" is already registered/);
  });

  it('names the card field at fault with 422 INVALID_CARD', async () => {
    const bad = await upload(TINY, { ...CARD, version: '2', input: { ...CARD.input, std: [0] } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'INVALID_CARD', details: { field: 'input.std.0' } });

    const notJson = await upload(TINY, '{"name": ');
    expect(notJson.json()).toMatchObject({ code: 'INVALID_CARD', details: { field: 'card' } });

    const wrongInput = await upload(TINY, { ...CARD, version: '3', input: { ...CARD.input, name: 'image' } });
    expect(wrongInput.statusCode).toBe(422);
    expect(wrongInput.json().code).toBe('INVALID_CARD');
    expect(wrongInput.json().details.field).toMatch(/^input/);
  });

  it('refuses files that are not working ONNX classifiers with 422', async () => {
    for (const [name, version] of [
      ['truncated.onnx', '4'],
      ['png-bytes.onnx', '5'],
      ['segmentation.onnx', '6'],
    ] as const) {
      const response = await upload(read(name), { ...CARD, version });
      expect([name, response.statusCode]).toEqual([name, 422]);
    }
    const empty = await upload(new Uint8Array(0), { ...CARD, version: '7' });
    expect(empty.statusCode).toBe(422);
  });

  it('is refused to radiologists and needs a multipart body', async () => {
    const radiologist = await signIn(test.app, 'radiologist');
    expect((await upload(TINY, CARD, radiologist)).statusCode).toBe(403);
    const json = await test.app.inject({
      method: 'POST',
      url: '/api/models',
      headers: ml.write,
      payload: { model: 1 },
    });
    expect(json.statusCode).toBe(400);
  });
});
