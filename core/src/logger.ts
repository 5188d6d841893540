import { pino, destination, type Logger as PinoLogger, type DestinationStream } from 'pino';

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

export function createLogger(options: LoggerOptions = {}): Logger {
  const dest =
    options.destination === 'stdout'
      ? destination(1)
      : options.destination === 'stderr' || options.destination === undefined
        ? destination(2)
        : options.destination;
  return pino(
    { level: options.level ?? 'info', base: { name: 'cnmcp' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    dest,
  );
}
