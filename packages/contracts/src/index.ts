export * from './lightbox-error';
export * from './model-card';
export * from './jobs';
