import { defineConfig } from 'prisma/config';

/**
 * Prisma 7 reads the connection string from here, not from schema.prisma. Only the Prisma CLI reads this file
 * (generate, validate, migrate deploy); the services build their client in packages/db/src/client.ts.
 */
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test' },
});
