// The web app's production server: Next's request handler behind a plain Node HTTP server that owns the
// X-Forwarded-For chain. `next start` keeps whatever X-Forwarded-For a browser sends, and the /api proxy
// passes it to the API, which records the address in the audit trail; so here the header is rebuilt as
// the entries added by WEB_TRUST_PROXY_HOPS trusted reverse proxies in front of this server (default 0:
// none) followed by the connecting peer's address. A client can no longer choose its audited source IP.
import { createServer } from 'node:http';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';

const port = Number(process.env.WEB_PORT ?? process.env.PORT ?? 3000);
const host = process.env.WEB_HOST ?? '0.0.0.0';
const trustedHops = Number(process.env.WEB_TRUST_PROXY_HOPS ?? 0);
if (!Number.isInteger(trustedHops) || trustedHops < 0) {
  console.error(`WEB_TRUST_PROXY_HOPS must be a whole number ≥ 0, got "${process.env.WEB_TRUST_PROXY_HOPS}"`);
  process.exit(1);
}

/** The X-Forwarded-For chain as this server vouches for it. */
export function forwardedFor(header, peer, hops) {
  const chain = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return [...(hops > 0 ? chain.slice(-hops) : []), ...(peer ? [peer] : [])].join(', ');
}

const app = next({ dev: false, dir: dirname(fileURLToPath(import.meta.url)), hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();
const server = createServer((req, res) => {
  req.headers['x-forwarded-for'] = forwardedFor(req.headers['x-forwarded-for'], req.socket.remoteAddress, trustedHops);
  handle(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) res.writeHead(500).end('Internal error');
  });
});
server.listen(port, host, () => console.log(`web listening on http://${host}:${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close(() => process.exit(0)));
