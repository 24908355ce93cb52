// `pnpm check:bundles` (after `pnpm build`): no server code in the web apps'
// bundles. The source maps name every module a bundle holds; none may come from
// the API, the database layer, Drizzle, postgres.js, Stripe or better-auth's server.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SERVER_CODE = [
  /apps\/api\//,
  /packages\/db\/src\/(?!schema\/enum-values)/,
  /session-core\/src\/(?!rules\/)/,
  /node_modules\/drizzle-orm\//,
  /node_modules\/postgres\//,
  /node_modules\/stripe\//,
  /node_modules\/hono\//,
  /better-auth\/dist\/(api|adapters|db|crypto|auth|context|cookies)\//,
];

let problems = 0;
for (const app of ['customer-web', 'mechanic-web', 'ops-web']) {
  const dir = `${root}apps/${app}/dist/assets`;
  const maps = (await readdir(dir).catch(() => [])).filter((file) => file.endsWith('.js.map'));
  if (maps.length === 0) {
    console.error(`${app}: no build found in ${dir}: run \`pnpm build\` first`);
    process.exit(1);
  }
  const offenders = new Set<string>();
  for (const file of maps) {
    const { sources } = JSON.parse(await readFile(`${dir}/${file}`, 'utf8')) as { sources: string[] };
    for (const source of sources)
      if (SERVER_CODE.some((pattern) => pattern.test(source))) offenders.add(source);
  }
  problems += offenders.size;
  console.log(
    offenders.size === 0
      ? `${app}: no server code in ${maps.length} chunks`
      : `${app}: server code in the bundle:\n  ${[...offenders].join('\n  ')}`,
  );
}
process.exit(problems === 0 ? 0 : 1);
