import type { z } from 'zod';

/** An error answer of the API (`{code, message, requestId, details?}`), or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  readonly requestId: string | undefined;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }

  /** The field the API blames (`details.field`), when it names one. */
  get field(): string | undefined {
    const field = this.details?.field;
    return typeof field === 'string' ? field : undefined;
  }
}

let csrfToken: string | null = null;

/** Set from the login and /api/me answers; sent in `x-csrf-token` with every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function errorFrom(response: Response): Promise<ApiError> {
  let body: { code?: string; message?: string; details?: Record<string, unknown>; requestId?: string } = {};
  try {
    body = await response.json();
  } catch {
    // not JSON: keep the status text
  }
  return new ApiError(
    response.status,
    body.code ?? `HTTP_${response.status}`,
    body.message ?? (response.statusText || `Request failed (${response.status})`),
    body.details,
    body.requestId,
  );
}

/** fetch() against the API: same-origin cookie, CSRF token on writes, API errors thrown as ApiError. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  if (WRITES.has(method) && csrfToken) headers.set('x-csrf-token', csrfToken);
  if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
  let response: Response;
  try {
    response = await fetch(path, { ...init, method, headers, credentials: 'same-origin' });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'Lightbox could not reach the server; check your connection and try again');
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401 && typeof window !== 'undefined' && !path.startsWith('/api/auth/login')) {
      window.dispatchEvent(new CustomEvent('lightbox:signed-out'));
    }
    throw error;
  }
  return response;
}

/** A JSON call whose answer is checked against the shared zod schema. */
export async function apiJson<T extends z.ZodType>(
  schema: T,
  path: string,
  init: RequestInit = {},
): Promise<z.infer<T>> {
  const response = await apiFetch(path, init);
  return schema.parse(await response.json());
}

/** The message to show for any error. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return `Not allowed: ${error.message}`;
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
