import type { TRole } from '@lightbox/contracts';

export type TPage = { href: string; label: string; roles: readonly TRole[] };

/** The app's pages and who may use each (mirrors the API's role matrix in ARCHITECTURE.md; the API enforces it). */
export const PAGES: readonly TPage[] = [
  { href: '/cases', label: 'Cases', roles: ['radiologist', 'ml_engineer', 'admin'] },
  { href: '/models', label: 'Models', roles: ['ml_engineer', 'admin', 'radiologist', 'compliance'] },
  { href: '/audit', label: 'Audit trail', roles: ['compliance', 'admin'] },
  { href: '/admin', label: 'Users', roles: ['admin'] },
];

export const ROLE_NAMES: Record<TRole, string> = {
  admin: 'Administrator',
  radiologist: 'Radiologist',
  ml_engineer: 'ML engineer',
  compliance: 'Compliance',
};

export function pagesFor(role: TRole): TPage[] {
  return PAGES.filter((page) => page.roles.includes(role));
}

export function canUse(role: TRole, href: string): boolean {
  const page = PAGES.find((entry) => href === entry.href || href.startsWith(`${entry.href}/`));
  return page ? page.roles.includes(role) : true;
}

/** Where a role lands after signing in. */
export function homeFor(role: TRole): string {
  return { radiologist: '/cases', ml_engineer: '/models', compliance: '/audit', admin: '/admin' }[role];
}

/** Who may upload cases, post reviews, register models (the API's matrix). */
export const CAN = {
  uploadCase: (role: TRole) => role === 'radiologist' || role === 'admin',
  review: (role: TRole) => role === 'radiologist',
  explain: (role: TRole) => role !== 'compliance',
  registerModel: (role: TRole) => role === 'ml_engineer' || role === 'admin',
};
