import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from './route';

let api: Server;
let seen: { method?: string; url?: string; csrf?: string; body?: string; host?: string } = {};

beforeAll(async () => {
  api = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen = {
        method: request.method,
        url: request.url,
        csrf: request.headers['x-csrf-token'] as string,
        body: Buffer.concat(chunks).toString(),
        host: request.headers.host,
      };
      if (request.url?.startsWith('/api/events')) {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write('event: progress\ndata: {}\n\n');
        setTimeout(() => response.end('event: completed\ndata: {}\n\n'), 20);
        return;
      }
      response.setHeader('set-cookie', ['a=1; Path=/; HttpOnly', 'b=2; Path=/']);
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  process.env.API_INTERNAL_URL = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterAll(async () => {
  delete process.env.API_INTERNAL_URL;
  await new Promise((resolve) => api.close(resolve));
});

describe('/api/* proxy', () => {
  it('forwards method, path, query, headers and body, and passes every cookie back', async () => {
    const response = await POST(
      new Request('http://web.test/api/cases?page=2', {
        method: 'POST',
        headers: { 'x-csrf-token': 'token', 'content-type': 'application/json' },
        body: JSON.stringify({ hello: 'world' }),
      }),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/']);
    expect(seen).toMatchObject({ method: 'POST', url: '/api/cases?page=2', csrf: 'token', body: '{"hello":"world"}' });
    expect(seen.host).not.toBe('web.test');
  });

  it('streams Server-Sent Events through', async () => {
    const response = await GET(new Request('http://web.test/api/events'));
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(await response.text()).toBe('event: progress\ndata: {}\n\nevent: completed\ndata: {}\n\n');
  });

  it('answers 503 with a message when the API is down', async () => {
    const saved = process.env.API_INTERNAL_URL;
    process.env.API_INTERNAL_URL = 'http://127.0.0.1:1';
    const response = await GET(new Request('http://web.test/api/health'));
    process.env.API_INTERNAL_URL = saved;
    expect(response.status).toBe(503);
    expect((await response.json()).code).toBe('UNAVAILABLE');
  });
});
