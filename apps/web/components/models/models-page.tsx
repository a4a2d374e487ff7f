'use client';

import { type TModelVersionDto, ZModelList } from '@lightbox/contracts';
import { useCallback, useEffect, useState } from 'react';
import { apiJson, describeError } from '../../lib/api-client';
import { CAN } from '../../lib/role-access';
import { useSession } from '../session-provider';
import { RegisterModelForm } from './register-model-form';

/** Registered model versions (everyone), and the registration form (ML engineers and admins). */
export function ModelsPage() {
  const { user } = useSession();
  const [models, setModels] = useState<TModelVersionDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setModels((await apiJson(ZModelList, '/api/models')).items);
    } catch (caught) {
      setError(describeError(caught));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const byName = new Map<string, TModelVersionDto[]>();
  for (const model of models ?? []) byName.set(model.name, [...(byName.get(model.name) ?? []), model]);

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Models</h1>
      {CAN.registerModel(user.role) && <RegisterModelForm onRegistered={() => void load()} />}
      <section aria-labelledby="model-list-title" className="flex flex-col gap-3">
        <h2 id="model-list-title" className="text-lg font-semibold">
          Registered models and versions
        </h2>
        {error && (
          <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-red-800">
            {error}
          </p>
        )}
        {models?.length === 0 && <p className="text-slate-700">No model is registered yet.</p>}
        {[...byName.entries()].map(([name, versions]) => (
          <article key={name} className="rounded-lg border border-slate-300 bg-white p-4" data-testid="model-card">
            <h3 className="text-base font-semibold">{name}</h3>
            <table className="mt-2 w-full border-collapse text-left text-sm">
              <thead>
                <tr className="border-b border-slate-400">
                  <th scope="col" className="p-1">
                    Version
                  </th>
                  <th scope="col" className="p-1">
                    Task
                  </th>
                  <th scope="col" className="p-1">
                    Labels
                  </th>
                  <th scope="col" className="p-1">
                    SHA-256
                  </th>
                  <th scope="col" className="p-1">
                    Registered
                  </th>
                  <th scope="col" className="p-1">
                    Card
                  </th>
                </tr>
              </thead>
              <tbody>
                {versions.map((model) => (
                  <tr key={model.id} className="border-b border-slate-200 align-top">
                    <td className="p-1">
                      {model.version}
                      {model.retiredAt && <span className="ml-1 text-xs text-slate-600">(retired)</span>}
                    </td>
                    <td className="p-1">{model.task}</td>
                    <td className="p-1">{model.labels.join(', ')}</td>
                    <td className="p-1 font-mono text-xs break-all">{model.sha256}</td>
                    <td className="p-1">{new Date(model.createdAt).toLocaleString()}</td>
                    <td className="p-1">
                      <details>
                        <summary className="cursor-pointer text-blue-800 underline">Show card</summary>
                        <pre className="mt-1 max-h-72 max-w-xl overflow-auto rounded bg-slate-100 p-2 text-xs">
                          {JSON.stringify(model.card, null, 2)}
                        </pre>
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </article>
        ))}
      </section>
    </div>
  );
}
