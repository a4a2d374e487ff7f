import { Suspense } from 'react';
import { LoginForm } from '../../components/login-form';

export const metadata = { title: 'Sign in · Lightbox' };

export default function LoginPage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 px-6">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Lightbox</h1>
        <p className="mt-1 text-slate-700">See why your image classifiers decide, and how sure they are.</p>
      </div>
      <Suspense>
        <LoginForm />
      </Suspense>
      <p className="text-xs text-slate-600">The demo models and cases are synthetic. Not for clinical use.</p>
    </main>
  );
}
