import { createHash } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client';

/**
 * Stores bytes content-addressed: the key is their SHA-256, so the same file is stored once however often it is
 * referenced. Concurrent writers of the same bytes are fine (INSERT … ON CONFLICT DO NOTHING). Returns the SHA-256.
 */
export async function putBlob(tx: Prisma.TransactionClient, bytes: Uint8Array, contentType: string): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await tx.blob.createMany({
    data: [
      {
        sha256,
        bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as Uint8Array<ArrayBuffer>,
        size: bytes.byteLength,
        contentType,
      },
    ],
    skipDuplicates: true,
  });
  return sha256;
}
