'use client';

import { ROLES, type TRole, type TUser, ZUser, ZUserList } from '@lightbox/contracts';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { ApiError, apiJson, describeError } from '../../lib/api-client';
import { ROLE_NAMES } from '../../lib/role-access';
import { useSession } from '../session-provider';

/** Admin: accounts and roles — create, change role, disable / enable. */
export function UsersPage() {
  const { user: me } = useSession();
  const [users, setUsers] = useState<TUser[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setUsers((await apiJson(ZUserList, '/api/users')).items);
    } catch (caught) {
      setError(describeError(caught));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const update = async (target: TUser, change: { role?: TRole; disabled?: boolean }) => {
    setError(null);
    try {
      await apiJson(ZUser, `/api/users/${target.id}`, { method: 'PATCH', body: JSON.stringify(change) });
      setNotice(
        change.role
          ? `${target.email} is now ${ROLE_NAMES[change.role]} (their sessions were signed out).`
          : `${target.email} is ${change.disabled ? 'disabled' : 'enabled'}.`,
      );
      await load();
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Users and roles</h1>
      <CreateUserForm
        onCreated={(created) => {
          setNotice(`${created.email} created as ${ROLE_NAMES[created.role]}.`);
          void load();
        }}
      />
      <div aria-live="polite">{notice && <p className="text-sm text-green-800">{notice}</p>}</div>
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-red-800">
          {error}
        </p>
      )}
      <table className="w-full border-collapse bg-white text-left text-sm" data-testid="user-table">
        <thead>
          <tr className="border-b border-slate-400">
            <th scope="col" className="p-2">
              Email
            </th>
            <th scope="col" className="p-2">
              Name
            </th>
            <th scope="col" className="p-2">
              Role
            </th>
            <th scope="col" className="p-2">
              Status
            </th>
            <th scope="col" className="p-2">
              Last sign-in
            </th>
            <th scope="col" className="p-2">
              Actions
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const self = user.id === me.id;
            return (
              <tr key={user.id} className="border-b border-slate-200">
                <td className="p-2">{user.email}</td>
                <td className="p-2">{user.displayName ?? '—'}</td>
                <td className="p-2">
                  <label className="sr-only" htmlFor={`role-${user.id}`}>
                    Role of {user.email}
                  </label>
                  <select
                    id={`role-${user.id}`}
                    value={user.role}
                    disabled={self}
                    onChange={(event) => void update(user, { role: event.target.value as TRole })}
                    className="rounded border border-slate-500 px-1 py-1"
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {ROLE_NAMES[role]}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="p-2">
                  {user.disabled ? <span className="font-semibold text-red-800">disabled</span> : 'active'}
                </td>
                <td className="p-2">{user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString() : 'never'}</td>
                <td className="p-2">
                  <button
                    type="button"
                    disabled={self}
                    onClick={() => void update(user, { disabled: !user.disabled })}
                    className="rounded border border-slate-500 px-2 py-1 disabled:opacity-50"
                    aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.email}`}
                  >
                    {user.disabled ? 'Enable' : 'Disable'}
                  </button>
                  {self && <span className="ml-2 text-xs text-slate-600">(you)</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function CreateUserForm({ onCreated }: { onCreated: (user: TUser) => void }) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<TRole>('radiologist');
  const [errors, setErrors] = useState<{ email?: string; password?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) found.email = 'Enter a valid email address.';
    if (password.length < 12) found.password = 'At least 12 characters.';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const created = await apiJson(ZUser, '/api/users', {
        method: 'POST',
        body: JSON.stringify({ email, password, role, ...(displayName.trim() ? { displayName } : {}) }),
      });
      setEmail('');
      setPassword('');
      setDisplayName('');
      onCreated(created);
    } catch (caught) {
      if (caught instanceof ApiError && (caught.field === 'email' || caught.field === 'password')) {
        setErrors({ [caught.field]: caught.message });
      } else setErrors({ form: describeError(caught) });
    } finally {
      setBusy(false);
    }
  };
  const input = 'rounded border border-slate-500 px-2 py-1 font-normal';
  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid gap-3 rounded-lg border border-slate-300 bg-white p-4 md:grid-cols-5"
      aria-labelledby="create-user-title"
    >
      <h2 id="create-user-title" className="text-lg font-semibold md:col-span-5">
        Create an account
      </h2>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Email
        <input
          type="email"
          className={input}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={errors.email ? true : undefined}
        />
        {errors.email && <span className="text-sm font-normal text-red-800">{errors.email}</span>}
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Display name (optional)
        <input className={input} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Initial password
        <input
          type="password"
          autoComplete="new-password"
          className={input}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={errors.password ? true : undefined}
        />
        {errors.password && <span className="text-sm font-normal text-red-800">{errors.password}</span>}
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Role
        <select className={input} value={role} onChange={(e) => setRole(e.target.value as TRole)}>
          {ROLES.map((entry) => (
            <option key={entry} value={entry}>
              {ROLE_NAMES[entry]}
            </option>
          ))}
        </select>
      </label>
      <div className="flex items-end">
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-blue-800 px-4 py-2 font-medium text-white disabled:opacity-60"
        >
          {busy ? 'Creating…' : 'Create account'}
        </button>
      </div>
      {errors.form && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 md:col-span-5">
          {errors.form}
        </p>
      )}
    </form>
  );
}
