export * from './attribution-method';
export * from './baselines';
export * from './explain-image';
export * from './gradient-session';
export * from './gradient-sessions';
export * from './integration-rules';
export * from './registry';
export * from './resolve-target';
