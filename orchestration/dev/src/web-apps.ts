import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import type { WebApps } from './product.ts';

const appsDir = fileURLToPath(new URL('../../../apps/', import.meta.url));

/**
 * The three SPAs on Vite dev servers (customer on 5173, mechanic on 5174, the operations
 * console on 5175, or the next free ports), each forwarding the API's paths to `apiUrl`.
 */
export async function startWebApps(apiUrl: string): Promise<WebApps> {
  // Read by the apps' Vite config (tooling/vite-config) when it loads.
  process.env.AUTODOCTOR_API_URL = apiUrl;
  const servers: ViteDevServer[] = [];
  const start = async (app: string) => {
    const root = path.join(appsDir, app);
    const server = await createServer({
      root,
      configFile: path.join(root, 'vite.config.ts'),
      clearScreen: false,
    });
    servers.push(server);
    await server.listen();
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error(`${app}: Vite did not report its address`);
    return url.replace(/\/$/, '');
  };
  try {
    // One after the other: the second must not take the port the first is about to.
    const customerUrl = await start('customer-web');
    const mechanicUrl = await start('mechanic-web');
    const opsUrl = await start('ops-web');
    return { customerUrl, mechanicUrl, opsUrl, close: () => closeAll(servers) };
  } catch (error) {
    await closeAll(servers);
    throw error;
  }
}

async function closeAll(servers: ViteDevServer[]): Promise<void> {
  await Promise.all(servers.map((server) => server.close()));
}
