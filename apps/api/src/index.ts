export { buildApp, type TApp, type TBuildAppOptions } from './app';
export { type TErrorResponse, ZErrorResponse } from './plugins/app/error-handler';
export { type THealthResponse, ZHealthResponse } from './routes/health/index';
