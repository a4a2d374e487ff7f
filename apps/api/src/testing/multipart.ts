import { randomBytes } from 'node:crypto';

export type TPart = { name: string; value: string | Uint8Array; filename?: string; contentType?: string };

/** A multipart/form-data body for `app.inject`: `{ payload, headers }` (merge your own headers in). */
export function multipart(parts: readonly TPart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----lightbox${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const isFile = typeof part.value !== 'string' || part.filename !== undefined;
    const disposition = `form-data; name="${part.name}"${isFile ? `; filename="${part.filename ?? part.name}"` : ''}`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${isFile ? `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n` : ''}\r\n`,
      ),
    );
    chunks.push(typeof part.value === 'string' ? Buffer.from(part.value) : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
