'use client';

import type { TRole } from '@lightbox/contracts';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { homeFor, ROLE_NAMES } from '../lib/role-access';
import { useSession } from './session-provider';

/** Renders its children only for `roles`; anyone else sees a clear "not allowed" page (the API refuses anyway). */
export function RoleGate({ roles, children }: { roles: readonly TRole[]; children: ReactNode }) {
  const { user } = useSession();
  if (roles.includes(user.role)) return <>{children}</>;
  return (
    <section className="mx-auto max-w-xl p-8" data-testid="not-allowed">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-slate-700">
        Your role ({ROLE_NAMES[user.role]}) may not use this page. It is for:{' '}
        {roles.map((role) => ROLE_NAMES[role]).join(', ')}.
      </p>
      <Link href={homeFor(user.role)} className="mt-4 inline-block text-blue-800 underline">
        Go to your start page
      </Link>
    </section>
  );
}
