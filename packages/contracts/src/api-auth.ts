import { z } from 'zod';
import { ZRole } from './roles';

/** A user as the API shows it: never the password hash nor the lock-out counters. */
export const ZUser = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string().nullable(),
  role: ZRole,
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TUser = z.infer<typeof ZUser>;

export const ZLoginRequest = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZSessionInfo = z.object({
  user: ZUser,
  /** Send it back in the `x-csrf-token` header of every write (POST, PATCH, PUT, DELETE). */
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type TSessionInfo = z.infer<typeof ZSessionInfo>;

export const ZCsrfResponse = z.object({ token: z.string() });

/** At least 12 characters: long enough for a passphrase, without composition rules (NIST SP 800-63B). */
export const ZPassword = z.string().min(12, 'must be at least 12 characters').max(1024);

export const ZCreateUserRequest = z.object({
  email: z.email().trim().toLowerCase().max(320),
  password: ZPassword,
  role: ZRole,
  displayName: z.string().trim().min(1).max(200).optional(),
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;

export const ZUpdateUserRequest = z
  .object({
    role: ZRole.optional(),
    disabled: z.boolean().optional(),
    displayName: z.string().trim().min(1).max(200).nullable().optional(),
    password: ZPassword.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), 'change at least one field');
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

export const ZUserList = z.object({ items: z.array(ZUser) });
