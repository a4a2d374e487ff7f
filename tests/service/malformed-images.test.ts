import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startService, type TService, type TSignedIn, uploadCase } from './harness';

const DIR = new URL('../malformed/images/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', DIR), 'utf8')) as Array<{
  file: string;
  expectCode: string;
  why: string;
}>;

let service: TService;
let radiologist: TSignedIn;

beforeAll(async () => {
  service = await startService();
  radiologist = await signIn(service.test.app, 'radiologist');
});

afterAll(async () => {
  await service?.close();
});

describe('the malformed-image corpus through POST /api/cases', () => {
  it('gets only 4xx answers, with the code the corpus expects, and creates no case', async () => {
    const results: Array<[string, number, string]> = [];
    for (const entry of manifest) {
      const response = await uploadCase(service, radiologist, new Uint8Array(readFileSync(new URL(entry.file, DIR))));
      results.push([entry.file, response.statusCode, response.json().code]);
    }
    for (const [file, status] of results) expect([file, status >= 400 && status < 500]).toEqual([file, true]);
    expect(results.map(([file, , code]) => [file, code])).toEqual(
      manifest.map((entry) => [entry.file, entry.expectCode]),
    );
    expect(await service.test.app.prisma.case.count()).toBe(0);
  });
});
