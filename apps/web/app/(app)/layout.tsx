import type { ReactNode } from 'react';
import { AppHeader } from '../../components/app-header';
import { SessionProvider } from '../../components/session-provider';

export default function SignedInLayout({ children }: { children: ReactNode }) {
  return (
    <SessionProvider>
      <AppHeader />
      <main id="main" className="mx-auto max-w-[2400px] px-4 py-4">
        {children}
      </main>
    </SessionProvider>
  );
}
