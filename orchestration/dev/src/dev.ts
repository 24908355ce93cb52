// `pnpm dev`: the whole product (see product.ts), the web apps on Vite dev servers.
import { runProduct } from './product.ts';
import { startWebApps } from './web-apps.ts';

await runProduct({ startWebApps, appsLabel: '(Vite)' });
