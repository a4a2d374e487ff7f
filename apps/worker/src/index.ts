export { parseWorkerEnv, type TWorkerEnv, ZWorkerEnv } from './env';
export { defineProcessor, type TProcessor, type TProcessorContext } from './processors/processor';
export { startWorkerRuntime, type TWorkerHealth, type TWorkerRuntime, type TWorkerRuntimeOptions } from './runtime';
