'use client';

import { type TCaseDto, ZCaseList } from '@lightbox/contracts';
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { apiJson, describeError } from '../../lib/api-client';
import { CAN } from '../../lib/role-access';
import { useSession } from '../session-provider';
import { CaseUpload } from './case-upload';

const PAGE_SIZE = 25;

export function CaseList() {
  const { user } = useSession();
  const [cases, setCases] = useState<TCaseDto[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async (wanted: number) => {
    setLoading(true);
    try {
      const list = await apiJson(ZCaseList, `/api/cases?page=${wanted}&pageSize=${PAGE_SIZE}`);
      setCases(list.items);
      setTotal(list.total);
      setError(null);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(page);
  }, [load, page]);

  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Cases</h1>
      {CAN.uploadCase(user.role) && <CaseUpload onUploaded={() => void load(1)} />}
      <section aria-labelledby="case-list-title">
        <h2 id="case-list-title" className="mb-2 text-lg font-semibold">
          All cases <span className="text-sm font-normal text-slate-600">({total})</span>
        </h2>
        {error && (
          <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-red-800">
            {error}
          </p>
        )}
        {loading && <p className="text-slate-600">Loading…</p>}
        {!loading && cases.length === 0 && !error && <p className="text-slate-700">No cases yet.</p>}
        {cases.length > 0 && (
          <table className="w-full border-collapse text-left text-sm" data-testid="case-table">
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="p-2">
                  Image
                </th>
                <th scope="col" className="p-2">
                  Case
                </th>
                <th scope="col" className="p-2">
                  Format
                </th>
                <th scope="col" className="p-2">
                  Size
                </th>
                <th scope="col" className="p-2">
                  Patient
                </th>
                <th scope="col" className="p-2">
                  Labels
                </th>
                <th scope="col" className="p-2">
                  Uploaded
                </th>
              </tr>
            </thead>
            <tbody>
              {cases.map((item) => (
                <tr key={item.id} className="border-b border-slate-200 hover:bg-slate-100">
                  <td className="p-2">
                    <img
                      src={item.imageUrl}
                      alt=""
                      width={48}
                      height={48}
                      className="h-12 w-12 bg-black object-contain"
                    />
                  </td>
                  <td className="p-2">
                    <Link href={`/cases/${item.id}`} className="font-mono text-blue-800 underline">
                      {item.id.slice(0, 8)}
                    </Link>
                    {item.note && <span className="ml-2 text-slate-700">{item.note}</span>}
                  </td>
                  <td className="p-2 uppercase">{item.format}</td>
                  <td className="p-2">
                    {item.width}×{item.height}
                  </td>
                  <td className="p-2 font-mono text-xs">{item.patientPseudonym ?? '—'}</td>
                  <td className="p-2">{item.labels.join(', ') || '—'}</td>
                  <td className="p-2">{new Date(item.createdAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {pages > 1 && (
          <nav aria-label="Case pages" className="mt-2 flex items-center gap-2">
            <button
              type="button"
              disabled={page <= 1}
              onClick={() => setPage(page - 1)}
              className="rounded border border-slate-400 px-2 py-1 disabled:opacity-50"
            >
              Previous
            </button>
            <span>
              Page {page} of {pages}
            </span>
            <button
              type="button"
              disabled={page >= pages}
              onClick={() => setPage(page + 1)}
              className="rounded border border-slate-400 px-2 py-1 disabled:opacity-50"
            >
              Next
            </button>
          </nav>
        )}
      </section>
    </div>
  );
}
