export { buildApp, type TApp, type TBuildAppOptions } from './app';
export { DEFAULT_APP_SETTINGS, type TAppSettings } from './app-settings';
export { type TErrorResponse, ZErrorResponse } from './plugins/app/error-handler';
export { type THealthResponse, ZHealthResponse } from './routes/health/index';
export { explainJobId } from './services/request-explanation';
