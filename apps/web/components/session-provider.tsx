'use client';

import { type TSessionInfo, type TUser, ZSessionInfo } from '@lightbox/contracts';
import { useRouter } from 'next/navigation';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { apiFetch, apiJson, setCsrfToken } from '../lib/api-client';

type TSessionState = { user: TUser; csrfToken: string; signOut: () => Promise<void> };

const SessionContext = createContext<TSessionState | null>(null);

/** The signed-in user (from GET /api/me); sends the visitor to /login when there is no session. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [session, setSession] = useState<TSessionInfo | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    apiJson(ZSessionInfo, '/api/me')
      .then((info) => {
        if (cancelled) return;
        setCsrfToken(info.csrfToken);
        setSession(info);
      })
      .catch((error: { status?: number; message?: string }) => {
        if (cancelled) return;
        if (error.status === 401) router.replace(`/login?next=${encodeURIComponent(window.location.pathname)}`);
        else setFailure(error.message ?? 'Could not load your session');
      });
    return () => {
      cancelled = true;
    };
  }, [router]);

  useEffect(() => {
    const onSignedOut = () => router.replace('/login?expired=1');
    window.addEventListener('lightbox:signed-out', onSignedOut);
    return () => window.removeEventListener('lightbox:signed-out', onSignedOut);
  }, [router]);

  const signOut = useCallback(async () => {
    try {
      await apiFetch('/api/auth/logout', { method: 'POST' });
    } finally {
      setCsrfToken(null);
      router.replace('/login');
    }
  }, [router]);

  if (failure) {
    return (
      <p role="alert" className="m-8 rounded border border-red-300 bg-red-50 p-4 text-red-800">
        {failure}
      </p>
    );
  }
  if (!session) {
    return (
      <p className="m-8 text-slate-600" aria-live="polite">
        Loading your session…
      </p>
    );
  }
  return (
    <SessionContext.Provider value={{ user: session.user, csrfToken: session.csrfToken, signOut }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): TSessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
