import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type THealthReport = { status: 'ok' | 'degraded' } & Record<string, unknown>;

export type THealthServer = {
  /** The port actually bound (useful with port 0). */
  port: number;
  close: () => Promise<void>;
};

/**
 * A bare `node:http` server for orchestrators: `GET /health` answers the report as JSON, 200 when the status is ok
 * and 503 otherwise; anything else is a 404.
 */
export async function startHealthServer(options: {
  port: number;
  host: string;
  check: () => Promise<THealthReport>;
}): Promise<THealthServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' || path !== '/health') {
      response
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'not found: use GET /health' }));
      return;
    }
    options.check().then(
      (report) => {
        response
          .writeHead(report.status === 'ok' ? 200 : 503, {
            'content-type': 'application/json',
            'cache-control': 'no-store',
          })
          .end(JSON.stringify(report));
      },
      () => {
        response.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'degraded' }));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
