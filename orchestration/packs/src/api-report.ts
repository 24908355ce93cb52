import { Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildPackage, publicEntries, publishedPackages } from './pack.ts';

/** One entry point's API report: `<package>/api/<name>.api.md`, checked in. */
export interface ApiReport {
  package: string;
  /** The export's subpath: `.`, `./rules`, … */
  subpath: string;
  /** The report file, absolute. */
  report: string;
  /** True when the built declarations differ from the report (written anew with `update`). */
  changed: boolean;
  /** The first line that differs, `report` → `built`, when `changed` (for the failure message). */
  firstDifference?: string;
}

export interface ApiReportOptions {
  /** Write the reports anew (`pnpm packages:api --update`), rather than fail on a difference. */
  update?: boolean;
  /** Where the reports are read (and written): each package's `api/` unless given (tests). */
  reportFolder?: (packageFolder: string) => string;
  /** Skip the build: the packages' `dist/` is current. */
  built?: boolean;
}

/**
 * TypeScript prints a union's members in the order it first met them, and the dts build meets them
 * in whichever order rolldown transforms the modules (in parallel: it varies with the machine's
 * load). A run of string literals in a union is sorted, and so is a run of zod enum members (a
 * line each), so a report changes only with the surface.
 */
export function sortLiteralUnions(report: string): string {
  const lines = report
    .replace(/"[^"\n]*"(?: \| "[^"\n]*")+/g, (union) => union.split(' | ').sort().join(' | '))
    .split('\n');
  // zod's `ZodEnum<{ pending: "pending"; … }>` prints one member a line, in the same varying order.
  for (let start = 0; start < lines.length; start++) {
    let end = start;
    while (end < lines.length && ENUM_MEMBER_LINE.test(lines[end]!)) end++;
    if (end - start > 1) lines.splice(start, end - start, ...lines.slice(start, end).sort());
    start = Math.max(start, end - 1);
  }
  return lines.join('\n');
}

/** `    pending: "pending";` (a CRLF report keeps its `\r`). */
const ENUM_MEMBER_LINE = /^\s*([\w$]+): "\1";\r?$/;

function firstDifference(expected: string, actual: string): string | undefined {
  const expectedLines = expected.split('\n');
  const actualLines = actual.split('\n');
  const at = expectedLines.findIndex((line, index) => line !== actualLines[index]);
  const line = at === -1 ? expectedLines.length : at;
  if (at === -1 && expectedLines.length === actualLines.length) return undefined;
  return `line ${line + 1}: ${expectedLines[line] ?? '(end)'} → ${actualLines[line] ?? '(end)'}`;
}

/** `.` → `index`, `./rules/statuses` → `rules-statuses`. */
const reportName = (subpath: string) =>
  subpath === '.' ? 'index' : subpath.replace(/^\.\//, '').replaceAll('/', '-');

/**
 * Builds every published package and compares the public surface of each export (API Extractor, on
 * the built `.d.ts`, as an outside caller resolves it) with its checked-in report. A difference is
 * `changed`: an unintended one is a defect; an intended one is committed with `update`, and shows in
 * review as the report's diff.
 */
export async function apiReports(options: ApiReportOptions = {}): Promise<ApiReport[]> {
  const reports: ApiReport[] = [];
  const scratch = await mkdtemp(path.join(tmpdir(), 'autodoctor-api-report-'));
  try {
    for (const pkg of await publishedPackages()) {
      if (!options.built) await buildPackage(pkg);
      const reportFolder = options.reportFolder?.(pkg.folder) ?? path.join(pkg.folder, 'api');
      if (options.update) await mkdir(reportFolder, { recursive: true });
      for (const { subpath, types } of await publicEntries(pkg)) {
        const entry = path.join(pkg.folder, types);
        const name = reportName(subpath);
        const config = ExtractorConfig.prepare({
          configObject: {
            projectFolder: pkg.folder,
            mainEntryPointFilePath: entry,
            // As a Node ESM caller compiles against the package (no workspace condition).
            compiler: {
              overrideTsconfig: {
                compilerOptions: {
                  module: 'nodenext',
                  moduleResolution: 'nodenext',
                  target: 'es2023',
                  strict: true,
                  types: ['node'],
                  skipLibCheck: true,
                },
                files: [entry],
              },
            },
            apiReport: {
              enabled: true,
              reportFileName: `${name}.api.md`,
              reportFolder,
              reportTempFolder: path.join(scratch, path.basename(pkg.folder)),
            },
            docModel: { enabled: false },
            dtsRollup: { enabled: false },
            tsdocMetadata: { enabled: false },
            messages: {
              // No @public / @beta tags: everything exported is public.
              extractorMessageReporting: {
                'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
              },
            },
          },
          configObjectFullPath: path.join(pkg.folder, 'api-extractor.json'),
          packageJsonFullPath: path.join(pkg.folder, 'package.json'),
        });
        // The comparison (and the update) is ours, on sorted unions: API Extractor writes the
        // report it made to the scratch folder only.
        const result = Extractor.invoke(config, {
          localBuild: false,
          // Only the outcome is ours to print; API Extractor's own lines would repeat it.
          messageCallback: (message) => {
            if (message.logLevel !== ExtractorLogLevel.Error) message.handled = true;
          },
        });
        if (result.errorCount > 0) {
          throw new Error(`API Extractor failed on ${pkg.name} ${subpath} (${entry})`);
        }
        const report = path.join(reportFolder, `${name}.api.md`);
        const built = sortLiteralUnions(
          await readFile(path.join(scratch, path.basename(pkg.folder), `${name}.api.md`), 'utf8'),
        );
        const checkedIn = await readFile(report, 'utf8').catch(() => '');
        const difference = firstDifference(sortLiteralUnions(checkedIn), built);
        // An update also sorts the unions of a report written before they were sorted.
        if (options.update && checkedIn !== built) await writeFile(report, built);
        reports.push({
          package: pkg.name,
          subpath,
          report,
          changed: difference !== undefined,
          ...(difference ? { firstDifference: difference } : {}),
        });
      }
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return reports;
}
