// `pnpm start`: the whole product (see product.ts) with the web apps as built by
// `pnpm build`, served without Vite, with security headers (static-app-server.ts).
import getPort from 'get-port';
import { fileURLToPath } from 'node:url';
import { runProduct, type WebApps } from './product.ts';
import { serveStaticApp } from './static-app-server.ts';

const appsDir = fileURLToPath(new URL('../../../apps/', import.meta.url));

async function startBuiltApps(apiUrl: string): Promise<WebApps> {
  const customer = await serveStaticApp({
    app: 'customer',
    distDir: `${appsDir}customer-web/dist`,
    apiUrl,
    port: await getPort({ port: 5173 }),
  });
  const mechanic = await serveStaticApp({
    app: 'mechanic',
    distDir: `${appsDir}mechanic-web/dist`,
    apiUrl,
    port: await getPort({ port: 5174 }),
  }).catch(async (error: unknown) => {
    await customer.close();
    throw error;
  });
  const ops = await serveStaticApp({
    app: 'ops',
    distDir: `${appsDir}ops-web/dist`,
    apiUrl,
    port: await getPort({ port: 5175 }),
  }).catch(async (error: unknown) => {
    await Promise.all([customer.close(), mechanic.close()]);
    throw error;
  });
  return {
    customerUrl: customer.url,
    mechanicUrl: mechanic.url,
    opsUrl: ops.url,
    close: async () => {
      await Promise.all([customer.close(), mechanic.close(), ops.close()]);
    },
  };
}

await runProduct({ startWebApps: startBuiltApps, appsLabel: '(built)' });
