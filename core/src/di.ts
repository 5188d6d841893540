// Dependency injection: tsyringe is the container; the core reads the constructor tokens itself.
// @inject records each constructor parameter's token under a Symbol.for key on the class, and the host registers
// every plugin class with a factory built from those records. So a plugin that brings its own copy of
// @cnmcp/core is built the same way as one that shares the host's: nothing depends on the registrations a
// particular copy of tsyringe made when the plugin's decorators ran.
import type { DependencyContainer } from 'tsyringe';
import { container, instanceCachingFactory } from './vendor/tsyringe.js';
import { INJECT_KEY } from './decorators/keys.js';
import { coreError } from './errors.js';

export { container };

type Ctor = new (...args: unknown[]) => unknown;
/** A token: one of `tokens.*` (a Symbol.for symbol) or a provider class. */
export type InjectionToken = symbol | (abstract new (...args: never[]) => unknown);

/** Marks a constructor parameter with the token the core injects there. Every parameter needs one. */
export function inject(token: InjectionToken): ParameterDecorator {
  return (target, key, index) => {
    if (key !== undefined) throw new Error('@inject marks constructor parameters only');
    const ctor = target as unknown as Record<symbol, unknown>;
    const own = Object.prototype.hasOwnProperty.call(ctor, INJECT_KEY) ? (ctor[INJECT_KEY] as InjectionToken[]) : [];
    own[index] = token;
    Object.defineProperty(ctor, INJECT_KEY, { value: own, configurable: true, enumerable: false, writable: true });
  };
}

function describe(token: unknown): string {
  return typeof token === 'symbol'
    ? (token.description ?? 'a symbol')
    : ((token as { name?: string })?.name ?? String(token));
}

/** Registers a class as a singleton of `scope`, built from its recorded @inject tokens. */
export function registerClass(scope: DependencyContainer, ctor: unknown, pluginId: string): void {
  const klass = ctor as Ctor & Record<symbol, unknown>;
  const wanted = (klass[INJECT_KEY] as InjectionToken[] | undefined) ?? [];
  scope.register(klass, {
    useFactory: instanceCachingFactory((c) => {
      const args: unknown[] = [];
      for (let i = 0; i < klass.length || i < wanted.length; i++) {
        const token = wanted[i];
        if (token === undefined) {
          throw coreError(
            'CNMCP_ERR_PLUGIN_METADATA_INVALID',
            `plugin ${pluginId}: parameter ${i} of ${klass.name}'s constructor has no @inject(token)`,
          );
        }
        if (!c.isRegistered(token as never, true)) {
          throw coreError(
            'CNMCP_ERR_PLUGIN_METADATA_INVALID',
            `plugin ${pluginId}: ${klass.name} asks for ${describe(token)}, which is neither a core token nor one of the plugin's providers`,
          );
        }
        args.push(c.resolve(token as never));
      }
      return new klass(...args);
    }),
  });
}
