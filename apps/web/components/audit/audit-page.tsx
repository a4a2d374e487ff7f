'use client';

import { type AUDIT_SORT_FIELDS, type TAuditEvent, ZAuditPage, ZAuditVerification } from '@lightbox/contracts';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { apiJson, describeError } from '../../lib/api-client';

type TSortField = (typeof AUDIT_SORT_FIELDS)[number];
type TFilter = {
  from: string;
  to: string;
  actorEmail: string;
  action: string;
  outcome: string;
  caseId: string;
  modelName: string;
};
const EMPTY: TFilter = { from: '', to: '', actorEmail: '', action: '', outcome: '', caseId: '', modelName: '' };
const PAGE_SIZES = [25, 50, 100];

const COLUMNS: Array<{ key: keyof TAuditEvent; label: string; sortable: boolean }> = [
  { key: 'seq', label: 'Seq', sortable: true },
  { key: 'at', label: 'Time (UTC)', sortable: true },
  { key: 'actorEmail', label: 'Actor', sortable: true },
  { key: 'actorRole', label: 'Role', sortable: true },
  { key: 'action', label: 'Action', sortable: true },
  { key: 'outcome', label: 'Outcome', sortable: true },
  { key: 'caseId', label: 'Case', sortable: true },
  { key: 'modelName', label: 'Model', sortable: true },
  { key: 'method', label: 'Method', sortable: true },
  { key: 'verdict', label: 'Verdict', sortable: true },
  { key: 'hash', label: 'Hash', sortable: false },
  { key: 'details', label: 'Details', sortable: false },
];

/** The fields the table does not show, for one event's expandable details. */
function eventDetails(event: TAuditEvent): string {
  const {
    sourceIp,
    patientPseudonym,
    studyPseudonym,
    modelSha256,
    inputSha256,
    parameters,
    scores,
    details,
    prevHash,
    hash,
  } = event;
  return JSON.stringify(
    {
      sourceIp,
      patientPseudonym,
      studyPseudonym,
      modelSha256,
      inputSha256,
      parameters,
      scores,
      details,
      prevHash,
      hash,
    },
    null,
    2,
  );
}

/** The filter as API query parameters (datetime-local inputs are read as local time, sent as ISO 8601 UTC). */
function filterQuery(filter: TFilter): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (!value.trim()) continue;
    query.set(key, key === 'from' || key === 'to' ? new Date(value).toISOString() : value.trim());
  }
  return query;
}

/** Compliance: the audit trail, filtered, sorted and paginated; the chain's verification; CSV, JSON and FHIR export. */
export function AuditPage() {
  const [draft, setDraft] = useState<TFilter>(EMPTY);
  const [filter, setFilter] = useState<TFilter>(EMPTY);
  const [sort, setSort] = useState<TSortField>('seq');
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [data, setData] = useState<z.infer<typeof ZAuditPage> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verification, setVerification] = useState<z.infer<typeof ZAuditVerification> | null>(null);
  const [verifying, setVerifying] = useState(false);

  const load = useCallback(async () => {
    const query = filterQuery(filter);
    query.set('sort', sort);
    query.set('order', order);
    query.set('page', String(page));
    query.set('pageSize', String(pageSize));
    try {
      setData(await apiJson(ZAuditPage, `/api/audit?${query}`));
      setError(null);
    } catch (caught) {
      setError(describeError(caught));
    }
  }, [filter, sort, order, page, pageSize]);

  const verify = useCallback(async () => {
    setVerifying(true);
    try {
      setVerification(await apiJson(ZAuditVerification, '/api/audit/verify'));
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setVerifying(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void verify();
  }, [verify]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setPage(1);
    setFilter(draft);
  };

  const sortBy = (key: TSortField) => {
    if (sort === key) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(key);
      setOrder('asc');
    }
    setPage(1);
  };

  const pages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1;
  const exportQuery = filterQuery(filter);
  const input = 'rounded border border-slate-500 px-2 py-1 font-normal';

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Audit trail</h1>
      <section
        aria-labelledby="verify-title"
        className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-300 bg-white p-3"
      >
        <h2 id="verify-title" className="text-base font-semibold">
          Chain verification
        </h2>
        <output
          data-testid="chain-status"
          data-valid={verification ? String(verification.valid) : undefined}
          className={`rounded px-2 py-1 text-sm font-medium ${
            !verification
              ? 'bg-slate-100 text-slate-800'
              : verification.valid
                ? 'bg-green-100 text-green-900'
                : 'bg-red-100 text-red-900'
          }`}
        >
          {!verification
            ? 'Checking…'
            : verification.valid
              ? `Intact: all ${verification.length} events chain correctly (head ${verification.head.slice(0, 12)}…)`
              : `BROKEN at event #${verification.firstBadSeq ?? verification.firstBadIndex}: ${verification.reason ?? 'hash mismatch'}`}
        </output>
        <button
          type="button"
          onClick={() => void verify()}
          disabled={verifying}
          className="rounded border border-slate-500 px-2 py-1 text-sm"
        >
          {verifying ? 'Verifying…' : 'Verify again'}
        </button>
        <span className="flex-1" />
        <span className="text-sm font-medium">Export the filtered trail:</span>
        {(['csv', 'json', 'fhir'] as const).map((format) => (
          <a
            key={format}
            href={`/api/audit/export?${new URLSearchParams([...exportQuery.entries(), ['format', format]])}`}
            download
            className="rounded bg-blue-800 px-3 py-1 text-sm font-medium text-white"
            data-testid={`export-${format}`}
          >
            {format === 'fhir' ? 'FHIR' : format.toUpperCase()}
          </a>
        ))}
      </section>
      <form
        onSubmit={apply}
        className="grid grid-cols-2 gap-2 rounded-lg border border-slate-300 bg-white p-3 text-sm md:grid-cols-4 xl:grid-cols-8"
        aria-label="Filters"
      >
        <label className="flex flex-col gap-1 font-medium">
          From
          <input
            type="datetime-local"
            className={input}
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </label>
        <label className="flex flex-col gap-1 font-medium">
          To (exclusive)
          <input
            type="datetime-local"
            className={input}
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </label>
        <label className="flex flex-col gap-1 font-medium">
          Actor email
          <input
            className={input}
            value={draft.actorEmail}
            onChange={(e) => setDraft({ ...draft, actorEmail: e.target.value })}
          />
        </label>
        <label className="flex flex-col gap-1 font-medium">
          Action
          <input
            className={input}
            placeholder="e.g. review.create"
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.target.value })}
            data-testid="filter-action"
          />
        </label>
        <label className="flex flex-col gap-1 font-medium">
          Outcome
          <select
            className={input}
            value={draft.outcome}
            onChange={(e) => setDraft({ ...draft, outcome: e.target.value })}
          >
            <option value="">any</option>
            <option value="success">success</option>
            <option value="failure">failure</option>
            <option value="denied">denied</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 font-medium">
          Case id
          <input
            className={input}
            value={draft.caseId}
            onChange={(e) => setDraft({ ...draft, caseId: e.target.value })}
          />
        </label>
        <label className="flex flex-col gap-1 font-medium">
          Model name
          <input
            className={input}
            value={draft.modelName}
            onChange={(e) => setDraft({ ...draft, modelName: e.target.value })}
          />
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded bg-blue-800 px-3 py-1 font-medium text-white">
            Apply filters
          </button>
          <button
            type="button"
            className="rounded border border-slate-500 px-3 py-1"
            onClick={() => {
              setDraft(EMPTY);
              setFilter(EMPTY);
              setPage(1);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-red-800">
          {error}
        </p>
      )}
      <div className="overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left text-xs" data-testid="audit-table">
          <caption className="sr-only">Audit events; select a column header to sort</caption>
          <thead>
            <tr className="border-b border-slate-400">
              {COLUMNS.map((column) => {
                const sorted = sort === column.key;
                return (
                  <th
                    key={column.key}
                    scope="col"
                    className="p-1.5"
                    aria-sort={sorted ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    {column.sortable ? (
                      <button
                        type="button"
                        onClick={() => sortBy(column.key as TSortField)}
                        className="font-semibold underline-offset-2 hover:underline"
                      >
                        {column.label}
                        {sorted ? (order === 'asc' ? ' ▲' : ' ▼') : ''}
                      </button>
                    ) : (
                      column.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {data?.items.map((event) => (
              <tr key={event.id} className="border-b border-slate-200 align-top">
                <td className="p-1.5 tabular-nums">{event.seq}</td>
                <td className="p-1.5 whitespace-nowrap">{event.at.replace('T', ' ').replace('Z', '')}</td>
                <td className="p-1.5">{event.actorEmail ?? '—'}</td>
                <td className="p-1.5">{event.actorRole ?? '—'}</td>
                <td className="p-1.5 font-mono">{event.action}</td>
                <td className={`p-1.5 ${event.outcome === 'success' ? '' : 'font-semibold text-red-800'}`}>
                  {event.outcome}
                </td>
                <td className="p-1.5 font-mono">{event.caseId?.slice(0, 8) ?? '—'}</td>
                <td className="p-1.5">{event.modelName ? `${event.modelName} ${event.modelVersion ?? ''}` : '—'}</td>
                <td className="p-1.5">{event.method ?? '—'}</td>
                <td className="p-1.5">{event.verdict ?? '—'}</td>
                <td className="p-1.5 font-mono" title={event.hash}>
                  {event.hash.slice(0, 10)}…
                </td>
                <td className="p-1.5">
                  <details>
                    <summary className="cursor-pointer text-blue-800 underline">Show</summary>
                    <pre className="mt-1 max-h-64 max-w-md overflow-auto rounded bg-slate-100 p-2 text-[11px]">
                      {eventDetails(event)}
                    </pre>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {data?.items.length === 0 && <p className="p-2 text-slate-700">No event matches these filters.</p>}
      </div>
      <nav aria-label="Audit pages" className="flex flex-wrap items-center gap-2 text-sm">
        <button
          type="button"
          disabled={page <= 1}
          onClick={() => setPage(page - 1)}
          className="rounded border border-slate-500 px-2 py-1 disabled:opacity-50"
        >
          Previous
        </button>
        <span data-testid="audit-page-info">
          Page {page} of {pages} · {data?.total ?? 0} events
        </span>
        <button
          type="button"
          disabled={page >= pages}
          onClick={() => setPage(page + 1)}
          className="rounded border border-slate-500 px-2 py-1 disabled:opacity-50"
        >
          Next
        </button>
        <label className="ml-4 flex items-center gap-1">
          Per page
          <select
            value={pageSize}
            onChange={(event) => {
              setPageSize(Number(event.target.value));
              setPage(1);
            }}
            className="rounded border border-slate-500 px-1 py-1"
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
      </nav>
    </div>
  );
}
