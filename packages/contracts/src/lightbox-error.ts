/**
 * The one error type of Lightbox. Every expected failure (bad input, missing model, unsupported op…)
 * is a LightboxError with a code; the API maps codes to HTTP statuses in one place and the CLI prints
 * the message without a stack trace. Anything else is a bug and is reported as an internal error.
 */
export const ERROR_CODES = {
  BAD_REQUEST: 400,
  INVALID_IMAGE: 422,
  UNSUPPORTED_IMAGE: 415,
  IMAGE_TOO_LARGE: 413,
  INVALID_MODEL: 422,
  INVALID_CARD: 422,
  UNSUPPORTED_OP: 422,
  INVALID_ARGUMENT: 400,
  NOT_FOUND: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  CANCELLED: 409,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type TErrorCode = keyof typeof ERROR_CODES;

export class LightboxError extends Error {
  readonly code: TErrorCode;
  /** Extra facts a caller can show (the field at fault, the op name…). Never secrets. */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: TErrorCode, message: string, options?: { details?: Record<string, unknown>; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LightboxError';
    this.code = code;
    this.details = options?.details;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code];
  }

  static is(value: unknown): value is LightboxError {
    return value instanceof LightboxError;
  }
}
