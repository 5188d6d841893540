import type { Logger as PinoLogger, DestinationStream } from 'pino';
import { pino, destination } from './vendor/fastify.js';

export type Logger = PinoLogger;

// Secret-looking keys are masked in every log line (config, arguments, headers).
export const REDACT_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'apiKey',
  '*.apiKey',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-api-key"]',
];

export interface LoggerOptions {
  level?: string;
  /** Where lines go. stdio mode must never log to stdout (it carries the protocol). */
  destination?: DestinationStream | 'stdout' | 'stderr';
}

/**
 * A log line never takes the process down or keeps it alive: once stdout/stderr is closed (the reader of a pipe
 * went away: EPIPE), lines are dropped instead of buffered and retried, so shutdown still ends.
 */
export function survivingClosedPipe(fd: 1 | 2): DestinationStream {
  const sonic = destination({ fd, sync: true });
  let closed = false;
  sonic.on('error', () => {
    closed = true;
  });
  return {
    write(line: string) {
      if (closed) return;
      try {
        sonic.write(line);
      } catch {
        closed = true;
      }
    },
  };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const dest =
    options.destination === 'stdout'
      ? survivingClosedPipe(1)
      : options.destination === 'stderr' || options.destination === undefined
        ? survivingClosedPipe(2)
        : options.destination;
  return pino(
    { level: options.level ?? 'info', base: { name: 'cnmcp' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    dest,
  );
}
