import type { NextConfig } from 'next';

/**
 * Where the browser's /api/* calls go. The rewrite is resolved when `next build` runs (it is written into
 * .next/routes-manifest.json), so set API_INTERNAL_URL or API_PORT at build time.
 */
export function apiOrigin(env: Record<string, string | undefined> = process.env): string {
  return env.API_INTERNAL_URL ?? `http://127.0.0.1:${env.API_PORT ?? 3001}`;
}

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Internal packages are TypeScript source: Next compiles them.
  transpilePackages: ['@lightbox/contracts'],
  async rewrites() {
    return [{ source: '/api/:path*', destination: `${apiOrigin()}/api/:path*` }];
  },
};

export default nextConfig;
