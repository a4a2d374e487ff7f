export * from './api-audit';
export * from './api-auth';
export * from './jobs';
export * from './lightbox-error';
export * from './model-card';
export * from './roles';
export * from './api-models';
export * from './api-cases';
