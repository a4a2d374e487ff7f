import fp from 'fastify-plugin';
import { createCpuPool, type TCpuPool } from '../../cpu/cpu-pool';

declare module 'fastify' {
  interface FastifyInstance {
    cpu: TCpuPool;
  }
}

/** Decorates the app with the pool of child processes for CPU-bound work; stops them when the app closes. */
export default fp(
  async (app) => {
    const pool = createCpuPool({ size: app.settings.cpuPoolSize });
    app.decorate('cpu', pool);
    app.addHook('onClose', async () => {
      await pool.close();
    });
  },
  { name: 'cpu-pool', dependencies: ['settings'] },
);
