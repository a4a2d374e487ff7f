/** What the API's behaviour depends on, beyond its connections. server.ts fills it from the environment. */
export type TAppSettings = {
  /** Cookies get `Secure` (HTTPS only). On in production. */
  cookieSecure: boolean;
  sessionTtlHours: number;
  /** Consecutive failed sign-ins that lock an account, and for how long. */
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Sign-in attempts allowed per client IP per minute, whatever the account. */
  loginRateLimitPerMinute: number;
  /** Key of the HMAC that turns patient and study identifiers into stable pseudonyms. */
  pseudonymSecret: string;
  /** Keep the uploaded DICOM file as it was (with identifiers) besides the de-identified copy. */
  keepOriginalDicom: boolean;
  caseMaxBytes: number;
  modelMaxBytes: number;
  imageMaxPixels: number;
  /** Deadline for loading a model and running its probe inference at registration. */
  modelValidationTimeoutMs: number;
  /** Worker threads for CPU-bound work (model validation, image decoding and rendering). */
  cpuPoolSize: number;
};

export const DEFAULT_APP_SETTINGS: TAppSettings = Object.freeze({
  cookieSecure: false,
  sessionTtlHours: 12,
  loginMaxFailures: 5,
  loginLockMinutes: 15,
  loginRateLimitPerMinute: 30,
  pseudonymSecret: 'lightbox-development-pseudonym-secret-change-me',
  keepOriginalDicom: false,
  caseMaxBytes: 64 * 1024 * 1024,
  modelMaxBytes: 512 * 1024 * 1024,
  imageMaxPixels: 50_000_000,
  modelValidationTimeoutMs: 60_000,
  cpuPoolSize: 1,
});
