// `pnpm packages:api [--update]`: the published packages' API reports (./api-report.ts). Without
// --update it fails, naming each report, when the built public surface differs from the checked-in
// one (CI runs it so); with --update it writes them anew, to commit with the change.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { apiReports } from './api-report.ts';

const USAGE = 'Usage: pnpm packages:api [--update]';

let update: boolean;
try {
  update = parseArgs({ options: { update: { type: 'boolean', default: false } } }).values.update;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}

try {
  const reports = await apiReports({ update });
  for (const report of reports) {
    const state = !report.changed ? 'unchanged' : update ? 'updated' : 'CHANGED';
    console.log(
      `${state.padEnd(9)}  ${report.package} ${report.subpath}  ${path.relative(process.cwd(), report.report)}`,
    );
    if (report.firstDifference) console.log(`           ${report.firstDifference}`);
  }
  const changed = reports.filter((report) => report.changed);
  if (changed.length > 0 && !update) {
    console.error(
      `The public API of ${changed.length} export(s) differs from its report. If the change is intended, ` +
        'run `pnpm packages:api --update` and commit the reports; if not, undo it.',
    );
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`packages:api failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
