import { z } from 'zod';

/**
 * The four roles. What each may do is the role matrix in ARCHITECTURE.md ("Roles"), enforced by the API from each
 * route's `config.roles`.
 */
export const ROLES = ['admin', 'radiologist', 'ml_engineer', 'compliance'] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;
