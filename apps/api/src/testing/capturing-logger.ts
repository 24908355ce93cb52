import { Writable } from 'node:stream';
import { createLogger } from '../logger.ts';

/** A line of the API's log as pino writes it (JSON): `level` 40 is warn, 50 error. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A logger at `level` writing into memory: its raw text, and its lines parsed. */
export function capturingLogger<Line extends LogLine = LogLine>(level = 'trace') {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  const lines = () =>
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Line);
  return { log: createLogger(level, destination), text: () => text, lines };
}
