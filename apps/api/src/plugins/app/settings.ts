import fp from 'fastify-plugin';
import type { TAppSettings } from '../../app-settings';

declare module 'fastify' {
  interface FastifyInstance {
    settings: TAppSettings;
  }
}

export default fp<{ settings: TAppSettings }>(
  async (app, options) => {
    app.decorate('settings', options.settings);
  },
  { name: 'settings' },
);
