export * from './client';
export * from './database-url';
export * from './generated/prisma/client';
export * from './migrate';
export * from './read-migrations';
export * from './testing/create-test-database';
