// Fastify builds a child logger for every request (request.log, bound to its reqId). Ours logs at warn and above,
// so nearly every one would be built for nothing: this factory returns a stand-in that builds it on first use.
import type { FastifyBaseLogger } from 'fastify';

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildOptions = Parameters<FastifyBaseLogger['child']>[1];
type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export function lazyChildLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildOptions,
): FastifyBaseLogger {
  let child: FastifyBaseLogger | undefined;
  const real = () => (child ??= logger.child(bindings, options));
  const enabled = (level: Level) =>
    (logger as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.(level) ?? true;
  // A call below the level is a no-op on the parent too: only a line that will be written builds the child.
  const at =
    (level: Level) =>
    (...args: unknown[]) => {
      if (child || enabled(level)) (real()[level] as (...a: unknown[]) => void)(...args);
    };
  return {
    get level() {
      return child?.level ?? logger.level;
    },
    set level(level: string) {
      real().level = level;
    },
    fatal: at('fatal'),
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    trace: at('trace'),
    silent: at('silent'),
    child: (moreBindings: Bindings, moreOptions?: ChildOptions) => real().child(moreBindings, moreOptions),
  } as FastifyBaseLogger;
}
