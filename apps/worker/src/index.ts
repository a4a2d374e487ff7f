export { parseWorkerEnv, type TWorkerEnv, ZWorkerEnv } from './env';
export { defineProcessor, type TProcessor, type TProcessorContext } from './processors/processor';
export { createProcessors, type TProcessorDeps } from './processors/registry';
export { startWorkerRuntime, type TWorkerHealth, type TWorkerRuntime, type TWorkerRuntimeOptions } from './runtime';
