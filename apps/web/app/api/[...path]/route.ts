import { apiOrigin } from '../../../lib/api-origin';

/**
 * /api/* → the API, at run time. A `rewrites()` entry in next.config.ts would freeze the API's address into the
 * build; this handler reads API_INTERNAL_URL / API_PORT when the server runs, so one build serves any deployment
 * (and the browser tests can start the API on a free port). Bodies stream both ways (uploads, Server-Sent Events).
 */
export const dynamic = 'force-dynamic';

/** Hop-by-hop headers, and the ones fetch() invalidates by decoding the body. */
const DROPPED_REQUEST = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect']);
const DROPPED_RESPONSE = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-encoding',
  'content-length',
]);

async function forward(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const target = `${apiOrigin()}${url.pathname}${url.search}`;
  const headers = new Headers();
  request.headers.forEach((value, key) => {
    if (!DROPPED_REQUEST.has(key)) headers.set(key, value);
  });
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: hasBody ? request.body : null,
      redirect: 'manual',
      signal: request.signal,
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch {
    return Response.json(
      { code: 'UNAVAILABLE', message: 'The Lightbox API is not reachable; try again shortly', requestId: 'web-proxy' },
      { status: 503 },
    );
  }
  const out = new Headers();
  upstream.headers.forEach((value, key) => {
    if (!DROPPED_RESPONSE.has(key) && key !== 'set-cookie') out.set(key, value);
  });
  for (const cookie of upstream.headers.getSetCookie()) out.append('set-cookie', cookie);
  return new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers: out });
}

export const GET = forward;
export const POST = forward;
export const PUT = forward;
export const PATCH = forward;
export const DELETE = forward;
