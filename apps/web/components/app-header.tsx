'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { pagesFor, ROLE_NAMES } from '../lib/role-access';
import { useSession } from './session-provider';

/** The top bar: the pages this role may use, who is signed in, sign-out. */
export function AppHeader() {
  const { user, signOut } = useSession();
  const pathname = usePathname();
  return (
    <header className="border-b border-slate-300 bg-white">
      <div className="mx-auto flex max-w-[2400px] flex-wrap items-center gap-4 px-4 py-2">
        <Link href="/" className="text-lg font-semibold text-slate-900">
          Lightbox
        </Link>
        <nav aria-label="Main" className="flex-1">
          <ul className="flex flex-wrap gap-1">
            {pagesFor(user.role).map((page) => {
              const current = pathname === page.href || pathname.startsWith(`${page.href}/`);
              return (
                <li key={page.href}>
                  <Link
                    href={page.href}
                    aria-current={current ? 'page' : undefined}
                    className={`rounded px-3 py-1.5 text-sm font-medium ${
                      current ? 'bg-slate-900 text-white' : 'text-slate-800 hover:bg-slate-100'
                    }`}
                  >
                    {page.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <span className="text-sm text-slate-700" data-testid="signed-in-as">
          {user.displayName ?? user.email} · <span data-role={user.role}>{ROLE_NAMES[user.role]}</span>
        </span>
        <button
          type="button"
          onClick={() => void signOut()}
          className="rounded border border-slate-400 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100"
        >
          Sign out
        </button>
      </div>
    </header>
  );
}
