/**
 * Where the web server forwards /api/* (read when the server runs, by app/api/[...path]/route.ts):
 * API_INTERNAL_URL at run time, else the API_INTERNAL_URL the app was built with (next.config.ts inlines it, so an
 * image built with `--build-arg API_INTERNAL_URL=http://api:3001` keeps working), else 127.0.0.1 on API_PORT (3001).
 */
export function apiOrigin(
  env: Record<string, string | undefined> = process.env,
  builtWith: string | undefined = process.env.LIGHTBOX_BUILD_API_INTERNAL_URL,
): string {
  return env.API_INTERNAL_URL || builtWith || `http://127.0.0.1:${env.API_PORT ?? 3001}`;
}
