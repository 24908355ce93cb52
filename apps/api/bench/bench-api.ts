// `pnpm bench:api [--json] [--only intake,fanout,accept,rooms,photo] [--mechanics N] [--seconds S]
//                 [--rounds R] [--accept-rounds R] [--intake-rounds R] [--rooms N] [--message-rate N]
//                 [--room-seconds S] [--cpu-prof DIR]`
//
// The API under load, in one run, on a throwaway database (as `pnpm bench:core`: the embedded
// PostgreSQL, or DATABASE_URL's server), with two API instances in child processes (api-bench.ts).
// The scenarios, in this order (each in bench/scenarios/; `--only` runs some of them):
//  1. intake: free sessions per second over HTTP beside `createSessionRecord` called directly;
//  2. fanout: the queue feed's `new_assignment` reaching --mechanics subscribers;
//  3. accept: 50 of those mechanics accepting one assignment at once (exactly one wins);
//  4. rooms: room messages' round trips across instances;
//  5. photo: a 4 MB JPEG uploaded until its thumbnail is served.
// Progress goes to stderr; results to stdout, with `--json` one JSON object on the last line.
import { parseArgs } from 'node:util';
import { startApiBench, type ApiBenchOptions } from './api-bench.ts';
import { checkFileLimit, namesArg, positiveArg, runBench, wholeArg, type PhaseCores } from './harness.ts';
import {
  acceptRacers,
  benchAcceptRace,
  printAcceptRace,
  type AcceptFigures,
} from './scenarios/accept-race.ts';
import { benchIntake, INTAKE_CONCURRENCY, printIntake, type IntakeFigures } from './scenarios/intake.ts';
import { benchPhotoUpload, printPhotoUpload, type PhotoUploadFigures } from './scenarios/photo-upload.ts';
import { benchQueueFanout, printQueueFanout, type FanoutFigures } from './scenarios/queue-fanout.ts';
import { benchRooms, printRooms, type RoomFigures } from './scenarios/rooms.ts';

const SCENARIOS = ['intake', 'fanout', 'accept', 'rooms', 'photo'] as const;

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    mechanics: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '20' },
    'accept-rounds': { type: 'string', default: '10' },
    'intake-rounds': { type: 'string', default: '1' },
    rooms: { type: 'string', default: '500' },
    'message-rate': { type: 'string', default: '100' },
    'room-seconds': { type: 'string', default: '10' },
    /** A folder: each API instance writes a V8 CPU profile of each phase there (<phase>-<A|B>.cpuprofile). */
    'cpu-prof': { type: 'string' },
  },
});
const options: ApiBenchOptions = {
  mechanics: wholeArg('mechanics', args.mechanics, 2),
  seconds: positiveArg('seconds', args.seconds),
  rounds: wholeArg('rounds', args.rounds, 1),
  acceptRounds: wholeArg('accept-rounds', args['accept-rounds'], 1),
  intakeRounds: wholeArg('intake-rounds', args['intake-rounds'], 1),
  rooms: wholeArg('rooms', args.rooms, 1),
  messageRate: wholeArg('message-rate', args['message-rate'], 1),
  roomSeconds: wholeArg('room-seconds', args['room-seconds'], 1),
  cpuProfDir: args['cpu-prof'],
};
const only = namesArg('only', args.only, SCENARIOS);
const runs = (scenario: (typeof SCENARIOS)[number]) => only.includes(scenario);
if (runs('accept')) acceptRacers(options.mechanics, options.acceptRounds); // enough mechanics?

type ScenarioFigures = Omit<IntakeFigures & FanoutFigures & AcceptFigures & RoomFigures, 'cpu_cores'> &
  PhotoUploadFigures;
type Figures = Partial<ScenarioFigures> & {
  postgres: string;
  mechanics: number;
  seconds_per_run: number;
  auth_cookies: string[];
  auth_cookie_cache: boolean;
  /** Streams of the queue floor that ended by themselves during the fan-out and the accept race. */
  fanout_streams_ended?: number;
  scenarios: string[];
  cpu_cores: Record<string, PhaseCores>;
};

async function main(): Promise<Figures> {
  const queueStreams = runs('fanout') || runs('accept') ? options.mechanics : 0;
  const roomStreams = runs('rooms') ? 2 * options.rooms : 0;
  checkFileLimit(queueStreams + roomStreams + 500, `${queueStreams + roomStreams} SSE connections`);
  const bench = await startApiBench(options, INTAKE_CONCURRENCY);
  const figures: Figures = {
    postgres: bench.version,
    mechanics: options.mechanics,
    seconds_per_run: options.seconds,
    auth_cookies: bench.cookieCheck.cookieNames,
    auth_cookie_cache: bench.cookieCheck.cookieCache,
    scenarios: only,
    cpu_cores: {},
  };
  const add = ({ cpu_cores, ...rest }: { cpu_cores: Record<string, PhaseCores> }) => {
    Object.assign(figures, rest);
    Object.assign(figures.cpu_cores, cpu_cores);
  };
  if (runs('intake')) add(await benchIntake(bench));
  if (runs('fanout')) add(await benchQueueFanout(bench));
  if (runs('accept')) add(await benchAcceptRace(bench));
  // The queue floor's streams are done: the rooms are measured on their own.
  const ended = bench.closeQueueFloor();
  if (runs('fanout')) figures.fanout_streams_ended = ended;
  if (runs('rooms')) add(await benchRooms(bench));
  if (runs('photo')) Object.assign(figures, await benchPhotoUpload(bench));
  return figures;
}

function printHuman(s: Figures): void {
  console.log(
    `PostgreSQL ${s.postgres}; ${options.mechanics} mechanics on 2 API instances` +
      (runs('intake')
        ? `; intake: ${options.seconds} s per run, mean of ${2 * options.intakeRounds} runs each (A-B-B-A), ${INTAKE_CONCURRENCY} in flight`
        : '') +
      (only.length < SCENARIOS.length ? `; only ${only.join(', ')}` : ''),
  );
  // Each scenario's figures are all there when it ran.
  const all = s as ScenarioFigures;
  if (runs('intake')) printIntake(all, s);
  if (runs('fanout')) printQueueFanout(all, s.fanout_streams_ended ?? 0);
  if (runs('accept')) printAcceptRace(all);
  if (runs('rooms')) printRooms(all);
  if (runs('photo')) printPhotoUpload(all);
  console.log('CPU (cores used; "machine" = busy share of all CPUs, other work on the machine included)');
  for (const [phase, cpu] of Object.entries(s.cpu_cores)) {
    const used = Object.entries(cpu)
      .filter(([name]) => name !== 'machine_busy')
      .map(([name, value]) => `${name} ${value ?? '?'}`)
      .join(', ');
    const busy = cpu.machine_busy === null ? '?' : `${Math.round(cpu.machine_busy * 100)}%`;
    console.log(`  ${phase.padEnd(14)} machine ${busy.padStart(4)}; ${used}`);
  }
}

await runBench({ name: 'bench:api', main, print: printHuman, json: args.json });
