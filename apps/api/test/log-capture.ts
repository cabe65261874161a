import { Writable } from 'node:stream';
import pino from 'pino';

export type LogLine = Record<string, unknown> & { level: number; msg: string };

/** A pino logger whose JSON lines a test can read back. */
export function captureLogs(level = 'info') {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const text of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(text));
      done();
    },
  });
  const logger = pino({ level, timestamp: pino.stdTimeFunctions.isoTime }, sink);
  return { logger, lines };
}
