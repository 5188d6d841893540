// Fastify builds a child logger for every request (request.log, bound to its reqId). Ours logs at warn and above,
// so nearly every one would be built for nothing: this factory returns a stand-in that builds it on first use.
// A class with its methods on the prototype: the stand-in is made on every request, and an object literal with
// accessors and a closure per level cost several times its size.
import type { FastifyBaseLogger } from 'fastify';

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildOptions = Parameters<FastifyBaseLogger['child']>[1];
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type Level = (typeof LEVELS)[number];

export function lazyChildLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildOptions,
): FastifyBaseLogger {
  return new LazyChildLogger(logger, bindings, options) as unknown as FastifyBaseLogger;
}

class LazyChildLogger {
  private made: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildOptions,
  ) {}

  private real(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings, this.options));
  }

  /** A call below the level is a no-op on the parent too: only a line that will be written builds the child. */
  write(level: Level, args: unknown[]): void {
    const enabled = (this.parent as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.(level) ?? true;
    if (this.made || enabled) (this.real()[level] as (...a: unknown[]) => void)(...args);
  }

  get level(): string {
    return this.made?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.real().level = level;
  }

  child(moreBindings: Bindings, moreOptions?: ChildOptions): FastifyBaseLogger {
    return this.real().child(moreBindings, moreOptions);
  }
}

// One prototype method per level (fatal … silent), each a write at that level.
const levelMethods = LazyChildLogger.prototype as unknown as Record<Level, (...args: unknown[]) => void>;
for (const level of LEVELS) {
  levelMethods[level] = function (this: LazyChildLogger, ...args: unknown[]) {
    this.write(level, args);
  };
}
