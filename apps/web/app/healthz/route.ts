/** GET /healthz: the web server is up (it does not check the API; the API has its own /api/health). */
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
