import { z } from 'zod';

/** A file part of a multipart body (attached as a Buffer by plugins/external/multipart). */
export const ZUploadFile = z
  .custom<Buffer>((value) => Buffer.isBuffer(value), 'must be a file part of a multipart/form-data body')
  .meta({ type: 'string', format: 'binary' });
