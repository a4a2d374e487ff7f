'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useSession } from '../../components/session-provider';
import { homeFor } from '../../lib/role-access';

/** / sends each role to its start page. */
export default function HomePage() {
  const { user } = useSession();
  const router = useRouter();
  useEffect(() => router.replace(homeFor(user.role)), [router, user.role]);
  return <p className="text-slate-600">Opening your start page…</p>;
}
