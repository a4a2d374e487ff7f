import type { NextConfig } from 'next';

/**
 * /api/* reaches the API through app/api/[...path]/route.ts, which reads API_INTERNAL_URL (or API_PORT) when the
 * server runs, so one build works on any port. The API_INTERNAL_URL given at build time (the Docker image's build
 * argument) is kept as the fallback.
 */
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Internal packages are TypeScript source: Next compiles them.
  transpilePackages: ['@lightbox/contracts'],
  env: { LIGHTBOX_BUILD_API_INTERNAL_URL: process.env.API_INTERNAL_URL ?? '' },
};

export default nextConfig;
