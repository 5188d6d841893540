// The backend a plugin declares in @Service({ backend }), owned by the core: the targets section merged into the
// plugin's config schema, the target argument of every tool, ctx.backend, health and `<id>_list_backends`.
// HTTP backends use the core HttpClient per target; others (Kubernetes contexts) plug in through a provider.
import type { TObject, TSchema } from 'typebox';
import { Type } from '../vendor/typebox.js';
import type { BackendProvider, HttpBackendOptions, ProviderBackendOptions } from '../decorators/types.js';
import { urlIssue } from '../config/urls.js';
import { coreError } from '../errors.js';
import { TargetSchema, type HttpClientFactory, type TargetConfig } from '../http-client.js';
import { Targets } from '../targets.js';
import type { Issue } from '../validation.js';
import type { HealthReport } from './load.js';

export function isProviderBackend(
  backend: HttpBackendOptions | ProviderBackendOptions | undefined,
): backend is ProviderBackendOptions {
  return !!backend && typeof (backend as ProviderBackendOptions).provider === 'function';
}

function objectProperties(schema: TSchema | undefined): Record<string, TSchema> {
  return ((schema as TObject | undefined)?.properties ?? {}) as Record<string, TSchema>;
}

/** The plugin's config schema with `targets` and `defaultTarget` added (HTTP backends only). */
export function configSchemaWithTargets(configSchema: TSchema | undefined, backend: HttpBackendOptions): TSchema {
  // Validation fills no defaults inside Record entries, so extra keys with a default are optional here and
  // filled in by applyTargetDefaults after validation.
  const extras = Object.fromEntries(
    Object.entries(objectProperties(backend.targetSchema)).map(([key, schema]) => [
      key,
      (schema as { default?: unknown }).default !== undefined ? Type.Optional(schema) : schema,
    ]),
  );
  const target = backend.targetSchema
    ? Type.Object({ ...objectProperties(TargetSchema), ...extras }, { additionalProperties: false })
    : TargetSchema;
  const own = objectProperties(configSchema);
  const { additionalProperties, description } = (configSchema ?? {}) as {
    additionalProperties?: boolean;
    description?: string;
  };
  return Type.Object(
    {
      ...own,
      targets: Type.Record(Type.String(), target, {
        default: {},
        description: 'Backends by name: url, auth (none | basic | bearer | apiKey), headers, tls, timeoutMs, retries.',
      }),
      defaultTarget: Type.Optional(
        Type.String({ description: 'Target used when a tool call names none; defaults to the first one.' }),
      ),
    },
    { additionalProperties: additionalProperties ?? false, default: {}, ...(description ? { description } : {}) },
  );
}

/** Fills the defaults of the plugin's extra per-target keys into each configured target (after validation). */
export function applyTargetDefaults(config: unknown, backend: HttpBackendOptions): void {
  const targets = (config as { targets?: Record<string, Record<string, unknown>> } | undefined)?.targets;
  if (!targets || !backend.targetSchema) return;
  for (const target of Object.values(targets)) {
    for (const [key, schema] of Object.entries(objectProperties(backend.targetSchema))) {
      const fallback = (schema as { default?: unknown }).default;
      if (target[key] === undefined && fallback !== undefined) target[key] = structuredClone(fallback);
    }
  }
}

/** Every configured target's URL checked for an http(s) scheme and a host (at load, never first at call time). */
export function targetUrlIssues(config: unknown): Issue[] {
  const targets = (config as { targets?: Record<string, { url?: unknown }> } | undefined)?.targets ?? {};
  return Object.entries(targets)
    .map(([name, target]) => urlIssue(`targets.${name}.url`, target?.url))
    .filter((issue): issue is Issue => !!issue);
}

/** What the pipeline and the loader need of a plugin's backend, whatever its kind. */
export interface PluginBackend {
  /** The tool argument that names the target. */
  argument: string;
  listTool: boolean;
  isConfigured(): boolean;
  /** The object a call gets as ctx.backend, for the target its input names. */
  forCall(input: unknown): { target: string | undefined; resolve(): unknown };
  describe(): { default?: string; targets: Array<Record<string, unknown>> };
  healthReport(): Promise<HealthReport>;
}

const PROBE_TIMEOUT_MS = 4_000;

export function httpBackend(
  pluginId: string,
  options: HttpBackendOptions,
  config: { targets?: Record<string, TargetConfig>; defaultTarget?: string },
  http: HttpClientFactory,
): PluginBackend {
  const targets = new Targets({ pluginId, config, http, urlEnv: options.urlEnv });
  return {
    argument: 'target',
    listTool: options.listTool ?? true,
    isConfigured: () => targets.isConfigured(),
    forCall(input) {
      const name = (input as { target?: unknown } | undefined)?.target;
      const chosen = typeof name === 'string' && name ? name : undefined;
      return { target: chosen ?? targets.defaultTarget, resolve: () => targets.client(chosen) };
    },
    describe: () => ({ default: targets.defaultTarget, targets: targets.describe() }),
    healthReport() {
      const health = options.health;
      if (!health) return Promise.resolve({ status: targets.isConfigured() ? 'ok' : 'not_configured' } as HealthReport);
      // Only a backend that cannot answer is down: any 4xx on the probe path (404 behind a proxy, 401) still
      // proves the server is there, so it must not pause the calls.
      const anyClientError = Array.from({ length: 100 }, (_, i) => 400 + i);
      return targets.healthReport((client) =>
        client.request({
          path: health.path,
          responseType: 'text',
          acceptStatus: anyClientError,
          timeoutMs: health.timeoutMs ?? PROBE_TIMEOUT_MS,
          idempotent: false,
        }),
      );
    },
  };
}

export function providerBackend(
  pluginId: string,
  options: ProviderBackendOptions,
  provider: BackendProvider,
): PluginBackend {
  const argument = options.argument ?? 'target';
  const notConfigured = () =>
    coreError('CNMCP_ERR_BACKEND_NOT_CONFIGURED', `${pluginId} has no backend configured`, {
      hint: provider.configHint?.() ?? `Configure the ${pluginId} section, then restart the server.`,
    });
  return {
    argument,
    listTool: options.listTool ?? true,
    isConfigured: () => provider.isConfigured(),
    forCall(input) {
      const name = (input as Record<string, unknown> | undefined)?.[argument];
      const chosen = typeof name === 'string' && name ? name : undefined;
      return {
        target: chosen ?? (provider.isConfigured() ? provider.defaultName() : undefined),
        resolve: () => {
          if (!provider.isConfigured()) throw notConfigured();
          return provider.resolve(chosen);
        },
      };
    },
    describe: () => ({
      default: provider.isConfigured() ? provider.defaultName() : undefined,
      targets: provider.describe?.() ?? provider.names().map((name) => ({ name })),
    }),
    async healthReport() {
      if (!provider.isConfigured()) return { status: 'not_configured', detail: provider.configHint?.() };
      if (!provider.probe) return { status: 'ok' };
      const names = provider.names();
      const results = await Promise.all(
        names.map(async (name) => {
          try {
            await provider.probe!(name, AbortSignal.timeout(PROBE_TIMEOUT_MS));
            return [name, { status: 'ok' as const }] as const;
          } catch (err) {
            return [name, { status: 'degraded' as const, detail: (err as Error).message.split('\n')[0] }] as const;
          }
        }),
      );
      const down = results.filter(([, r]) => r.status === 'degraded');
      return {
        status: down.length && down.length === results.length ? 'degraded' : 'ok',
        detail: down.length
          ? `down: ${down.map(([n, r]) => `${n} (${'detail' in r ? r.detail : ''})`).join('; ')}`
          : `${names.length} target(s) healthy`,
        targets: Object.fromEntries(results),
        defaultTarget: provider.defaultName(),
      };
    },
  };
}

/** The `target` argument the core adds to every tool of a plugin with a backend. */
export function targetArgument(pluginId: string): TSchema {
  return Type.Optional(Type.String({ description: `Configured ${pluginId} target; the default target when omitted.` }));
}
