// Command-line options of run.mjs; every phase is bounded by them.
import { parseArgs } from 'node:util';

export const USAGE = `Usage: node bench/run.mjs [--quick] [--rounds N] [--duration S] [--memory-calls N] [--self-check]

  --quick           about a minute: 2 rounds of 0.5 s, 10k-call memory steps
  --rounds N        interleaved rounds (default 5)
  --duration S      seconds per load run (default 1)
  --memory-calls N  calls per memory step (default 100000: heap after 100k and 200k calls)
  --self-check      only the correctness checks, no timing (< 30 s); exit 1 when one fails`;

export function readOptions(argv = process.argv.slice(2)) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      'memory-calls': { type: 'string' },
      'self-check': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const quick = !!values.quick;
  const number = (name, fallback, min) => {
    if (values[name] === undefined) return fallback;
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}, got ${values[name]}`);
    return n;
  };
  const duration = number('duration', quick ? 0.5 : 1, 0.2);
  return {
    help: !!values.help,
    quick,
    selfCheck: !!values['self-check'],
    rounds: Math.round(number('rounds', quick ? 2 : 5, 1)),
    duration,
    warmup: Math.min(duration, quick ? 0.3 : 1),
    concurrency: [1, 10, 50],
    memoryCalls: Math.round(number('memory-calls', quick ? 10_000 : 100_000, 100)),
    startupRounds: quick ? 2 : 5,
  };
}
