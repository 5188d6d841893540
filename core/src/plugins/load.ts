// Loads plugins: import each candidate, read and check its metadata, validate its config section,
// construct it in its own child container, init() it, and register its tools, prompts and resources.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { configIssuesError } from '../config/load.js';
import { CORE_PACKAGE_DIR } from '../helpers/core-package.js';
import { FIRST_PARTY_PLUGIN_IDS, serviceIdIssues, toolGlobIssues } from '../config/references.js';
import { container as rootContainer, registerClass } from '../di.js';
import { coreError, isCnmcpError } from '../errors.js';
import { createHttpClientFactory, type BackendCallObservation } from '../http-client.js';
import type { Logger } from '../logger.js';
import type { Notifier } from '../notifier.js';
import { tokens } from '../tokens.js';
import { formatIssue, validate } from '../validation.js';
import type { Registry } from '../tools/registry.js';
import { globToRegExp, type ServedToolFilter } from '../tools/policy.js';
import { META_TOOLS } from '../tools/toolsets.js';
import { discoverInstalledPlugins, resolveConfiguredPlugin, type PluginCandidate } from './discover.js';
import {
  isPluginClass,
  readPluginDefinition,
  type GroupDefinition,
  type PluginClass,
  type PluginDefinition,
} from './metadata.js';
import {
  applyTargetDefaults,
  configSchemaWithTargets,
  targetUrlIssues,
  httpBackend,
  isProviderBackend,
  providerBackend,
  targetArgument,
  type PluginBackend,
} from './backend.js';
import type { TObject, TSchema } from 'typebox';
import { Type } from '../vendor/typebox.js';
import type { BackendProvider } from '../decorators/types.js';

/** The optional lifecycle a plugin may implement (the seed's Service interface). */
export interface PluginLifecycle {
  init?(): void | Promise<void>;
  /** Probe the backend. Throw (or return status 'degraded') when it is down. */
  healthCheck?(): HealthReport | void | Promise<HealthReport | void>;
  dispose?(): void | Promise<void>;
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'not_configured';
  detail?: string;
  /**
   * Per-target results, for plugins with several backends. When present, only calls aimed at a degraded
   * target (their `target` or `context` argument, else `defaultTarget`) are refused; the others go on.
   */
  targets?: Record<string, { status: 'ok' | 'degraded'; detail?: string }>;
  defaultTarget?: string;
}

export interface LoadedPlugin {
  definition: PluginDefinition;
  instance: PluginLifecycle & Record<string, unknown>;
  config: unknown;
  logger: Logger;
  backend?: PluginBackend;
  /** The plugin's own healthCheck(), else the core's probe of its backend. */
  healthCheck?: () => HealthReport | void | Promise<HealthReport | void>;
  closeHttp(): Promise<void>;
}

export interface LoadPluginsOptions {
  plugins: string[];
  autoDiscover: boolean;
  enabledServices?: string[];
  disabledServices: string[];
  baseDir: string;
  /** A file inside the host, for auto-discovery from the host's own module resolution. */
  hostFile: string;
  coreVersion: string;
  /** The whole config; each plugin gets its own section. */
  config: Record<string, unknown>;
  logger: Logger;
  registry: Registry;
  notifier: Notifier;
  filter: ServedToolFilter;
  /** Classes given directly (embedding, tests). */
  classes?: PluginClass[];
  observeBackend?: (o: BackendCallObservation) => void;
}

/** Where the plugin's own @cnmcp/core resolves from, when it carries one. */
function pluginCoreDir(pluginDir: string): string | undefined {
  try {
    return dirname(createRequire(join(pluginDir, 'noop.js')).resolve('@cnmcp/core/package.json'));
  } catch {
    return undefined;
  }
}

/** A core-range mismatch names both sides: the host's core and the plugin (and the core copy it carries). */
function withCorePaths(err: unknown, candidate: PluginCandidate): unknown {
  if (!isCnmcpError(err) || err.code !== 'CNMCP_ERR_PLUGIN_CORE_RANGE') return err;
  const own = pluginCoreDir(candidate.dir);
  const carried = own && own !== CORE_PACKAGE_DIR ? `; the plugin carries its own @cnmcp/core at ${own}` : '';
  return coreError(
    'CNMCP_ERR_PLUGIN_CORE_RANGE',
    `${err.message} (host core at ${CORE_PACKAGE_DIR}; plugin at ${candidate.dir}${carried})`,
    { cause: err },
  );
}

async function importPluginClasses(candidate: PluginCandidate, logger: Logger): Promise<PluginClass[]> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(candidate.entry).href)) as Record<string, unknown>;
  } catch (err) {
    logger.error({ plugin: candidate.source, entry: candidate.entry, err }, 'importing a plugin failed');
    throw coreError(
      'CNMCP_ERR_PLUGIN_NOT_FOUND',
      `plugin ${candidate.source}: importing ${candidate.entry} failed: ${(err as Error).message.split('\n')[0]}`,
      { cause: err },
    );
  }
  const classes = [mod.default, ...Object.values(mod)].filter(isPluginClass);
  const unique = [...new Set(classes)];
  if (unique.length === 0)
    throw coreError(
      'CNMCP_ERR_PLUGIN_NOT_A_PLUGIN',
      `plugin ${candidate.source}: ${candidate.entry} exports no class marked with @Service`,
    );
  return unique;
}

export async function loadPlugins(options: LoadPluginsOptions): Promise<LoadedPlugin[]> {
  const { logger } = options;
  const definitions: PluginDefinition[] = [];
  const seen = new Map<string, string>();
  const addDefinition = (def: PluginDefinition) => {
    const previous = seen.get(def.id);
    if (previous)
      throw coreError(
        'CNMCP_ERR_PLUGIN_ID_DUPLICATE',
        `plugin id '${def.id}' is provided by both ${previous} and ${def.source}`,
      );
    seen.set(def.id, def.source);
    definitions.push(def);
  };

  for (const ctor of options.classes ?? []) {
    addDefinition(
      readPluginDefinition(ctor, {
        source: ctor.name,
        version: options.coreVersion,
        dir: options.baseDir,
        coreVersion: options.coreVersion,
      }),
    );
  }
  const candidates: PluginCandidate[] = options.plugins.map((spec) =>
    resolveConfiguredPlugin(spec, options.baseDir, options.hostFile),
  );
  if (options.autoDiscover) {
    const listed = new Set(candidates.map((c) => c.dir));
    for (const found of discoverInstalledPlugins(options.hostFile)) if (!listed.has(found.dir)) candidates.push(found);
  }
  for (const candidate of candidates) {
    for (const ctor of await importPluginClasses(candidate, logger)) {
      let def: PluginDefinition;
      try {
        def = readPluginDefinition(ctor, {
          source: candidate.source,
          version: candidate.version,
          dir: candidate.dir,
          coreVersion: options.coreVersion,
        });
      } catch (err) {
        throw withCorePaths(err, candidate);
      }
      if (candidate.markerId && candidate.markerId !== def.id) {
        throw coreError(
          'CNMCP_ERR_PLUGIN_ID_INVALID',
          `plugin ${candidate.source}: package.json says cnmcp.plugin '${candidate.markerId}' but the class says @Service({ name: '${def.id}' })`,
        );
      }
      addDefinition(def);
    }
  }

  const foundIds = definitions.map((d) => d.id);
  const services = serviceIdIssues(options, foundIds);
  if (services.errors.length) throw configIssuesError(services.errors);
  for (const warning of services.warnings) logger.warn(warning);
  // The same glob semantics as the served-tools policy (tools/policy.ts).
  const enabled = options.enabledServices?.map(globToRegExp);
  const disabled = options.disabledServices.map(globToRegExp);
  const loaded: LoadedPlugin[] = [];
  for (const def of definitions) {
    if (disabled.some((r) => r.test(def.id)) || (enabled && !enabled.some((r) => r.test(def.id)))) {
      logger.info({ plugin: def.id }, 'plugin disabled by enabledServices/disabledServices');
      continue;
    }
    loaded.push(await instantiate(def, options));
  }
  try {
    checkToolGlobs(options, loaded, foundIds);
  } catch (err) {
    for (const plugin of loaded.reverse()) {
      await Promise.resolve(plugin.instance.dispose?.()).catch(() => undefined);
      await plugin.closeHttp();
    }
    throw err;
  }
  return loaded;
}

function checkToolGlobs(options: LoadPluginsOptions, loaded: LoadedPlugin[], foundIds: string[]): void {
  const { enabledTools, disabledTools, toolsets } = options.config as {
    enabledTools?: string[];
    disabledTools?: string[];
    toolsets?: { enabled?: string[] };
  };
  if (!enabledTools?.length && !disabledTools?.length && !toolsets?.enabled?.length) return; // no glob to check
  const pluginIds = loaded.map((p) => p.definition.id);
  const globs = toolGlobIssues(options.config, {
    tools: [...options.registry.allTools().map(({ tool }) => tool.name), ...META_TOOLS],
    toolsets: options.registry.toolsets().map((t) => t.name),
    pluginIds,
    otherIds: [...new Set([...foundIds, ...FIRST_PARTY_PLUGIN_IDS])].filter((id) => !pluginIds.includes(id)),
  });
  for (const warning of globs.warnings) options.logger.warn(warning);
  if (globs.errors.length) throw configIssuesError(globs.errors);
}

async function instantiate(def: PluginDefinition, options: LoadPluginsOptions): Promise<LoadedPlugin> {
  const section = options.config[def.id] ?? {};
  const httpBackendOptions = def.backend && !isProviderBackend(def.backend) ? def.backend : undefined;
  const configSchema = httpBackendOptions
    ? configSchemaWithTargets(def.configSchema, httpBackendOptions)
    : def.configSchema;
  let pluginConfig: unknown = section;
  if (configSchema) {
    const checked = validate(configSchema, section, { defaults: true, convert: true });
    const issues = checked.ok ? (httpBackendOptions ? targetUrlIssues(checked.value) : []) : checked.issues;
    if (issues.length) {
      const lines = issues.map((issue) => formatIssue(issue, `${def.id}.`));
      throw coreError(
        'CNMCP_ERR_PLUGIN_CONFIG_INVALID',
        `plugin ${def.id}:${lines.length > 1 ? '\n' : ' '}${lines.join('\n')}`,
      );
    }
    pluginConfig = (checked as { value: unknown }).value;
  }
  if (httpBackendOptions) applyTargetDefaults(pluginConfig, httpBackendOptions);
  const logger = options.logger.child({ plugin: def.id });
  const http = createHttpClientFactory({ pluginId: def.id, observe: options.observeBackend });
  const child = rootContainer.createChildContainer();
  child.registerInstance(tokens.config, pluginConfig);
  child.registerInstance(tokens.logger, logger);
  child.registerInstance(tokens.http, http);
  child.registerInstance(tokens.notifier, options.notifier);
  child.registerInstance(tokens.plugin, { id: def.id, version: def.version, dir: def.dir });
  for (const provider of def.providers) registerClass(child, provider, def.id);
  registerClass(child, def.ctor, def.id);
  for (const group of def.groups) if (group.ctor) registerClass(child, group.ctor, def.id);
  let instance: PluginLifecycle & Record<string, unknown>;
  let backend: PluginBackend | undefined;
  const groups: Array<{ group: GroupDefinition; target: Record<string, unknown> }> = [];
  try {
    if (isProviderBackend(def.backend)) {
      const provider = def.backend.provider;
      if (!def.providers.includes(provider)) registerClass(child, provider, def.id);
      backend = providerBackend(def.id, def.backend, child.resolve(provider as never) as BackendProvider);
    } else if (httpBackendOptions) {
      backend = httpBackend(def.id, httpBackendOptions, pluginConfig as never, http);
    }
    if (backend) child.registerInstance(tokens.backend, backend);
    instance = child.resolve(def.ctor as never) as PluginLifecycle & Record<string, unknown>;
    for (const group of def.groups) {
      groups.push({
        group,
        target: group.ctor ? (child.resolve(group.ctor as never) as Record<string, unknown>) : instance,
      });
    }
    await instance.init?.();
  } catch (err) {
    if (isCnmcpError(err)) throw err;
    // The cause with its stack goes to the server log only; the error itself carries the message.
    options.logger.error({ plugin: def.id, source: def.source, err }, 'plugin failed to start');
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw coreError('CNMCP_ERR_PLUGIN_INIT_FAILED', `plugin ${def.id} failed to start: ${message}`, {
      cause: err,
      hint: 'The server log has the cause (message and stack); disable the plugin with disabledServices to start without it.',
    });
  }
  register(def, instance, groups, backend, options);
  const healthCheck = instance.healthCheck
    ? () => instance.healthCheck!()
    : backend
      ? () => backend.healthReport()
      : undefined;
  return {
    definition: def,
    instance,
    config: pluginConfig,
    logger,
    backend,
    healthCheck,
    closeHttp: () => http.closeAll(),
  };
}

const bind =
  (target: Record<string, unknown>, method: string) =>
  (...args: unknown[]) =>
    Promise.resolve((target[method] as (...a: unknown[]) => unknown).apply(target, args));

/** The tool's input schema with the backend's target argument added (unless the tool declares it itself). */
function withTargetArgument(input: TSchema | undefined, backend: PluginBackend | undefined, pluginId: string) {
  if (!backend) return input;
  const schema = (input ?? Type.Object({})) as TObject;
  if (schema.properties?.[backend.argument]) return input;
  // Rebuilt with Type.Object (not spread): typebox keeps a schema's kind in non-enumerable keys, which a spread
  // drops, and validation would then stop filling in defaults.
  const { type: _type, properties, required: _required, ...options } = schema as unknown as Record<string, unknown>;
  return Type.Object(
    { ...(properties as Record<string, TSchema>), [backend.argument]: targetArgument(pluginId) },
    options,
  ) as TSchema;
}

function register(
  def: PluginDefinition,
  instance: Record<string, unknown>,
  groups: Array<{ group: GroupDefinition; target: Record<string, unknown> }>,
  backend: PluginBackend | undefined,
  options: LoadPluginsOptions,
): void {
  const { registry } = options;
  const declared = new Set(def.groups.flatMap((g) => g.tools.map((t) => t.options.name)));
  for (const { group, target } of groups) {
    const toolset = `${def.id}/${group.name}`;
    registry.addToolset({
      name: toolset,
      plugin: def.id,
      title: group.title,
      description: group.description,
      default: group.default,
    });
    for (const { method, options: tool } of group.tools) {
      const defaults = group.defaults;
      const annotations = { ...(tool.annotations ?? defaults.annotations ?? {}) };
      registry.addTool(
        {
          name: tool.name,
          plugin: def.id,
          title: tool.title,
          description: tool.description,
          input: withTargetArgument(tool.input, backend, def.id),
          output: tool.output,
          annotations,
          cacheTtl: tool.cacheTtl ?? defaults.cacheTtl,
          scopes: tool.scopes ?? defaults.scopes,
          timeoutMs: tool.timeoutMs ?? defaults.timeoutMs,
          redactOutput: tool.redactOutput ?? defaults.redactOutput ?? true,
          toolset,
          backend,
          invoke: bind(target, method) as never,
        },
        options.filter({ name: tool.name, plugin: def.id, annotations }),
      );
    }
  }
  const listName = `${def.id}_list_backends`;
  if (backend?.listTool && !declared.has(listName)) {
    const toolset = `${def.id}/backends`;
    registry.addToolset({
      name: toolset,
      plugin: def.id,
      title: 'Backends',
      description: `The configured ${def.id} targets.`,
      default: true,
    });
    const annotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
    registry.addTool(
      {
        name: listName,
        plugin: def.id,
        title: `List ${def.title ?? def.id} backends`,
        description: `Lists the configured ${def.id} targets (name, URL, auth type, which is the default). No credentials.`,
        input: { type: 'object', properties: {} } as unknown as TSchema,
        annotations,
        redactOutput: true,
        toolset,
        invoke: async () => backend.describe(),
      },
      options.filter({ name: listName, plugin: def.id, annotations }),
    );
  }
  for (const { method, options: prompt } of def.prompts) {
    registry.addPrompt({
      name: prompt.name,
      plugin: def.id,
      title: prompt.title,
      description: prompt.description,
      arguments: prompt.arguments ?? [],
      complete: prompt.complete,
      invoke: bind(instance, method) as never,
    });
  }
  for (const { method, options: resource } of def.resources) {
    registry.addResource({
      plugin: def.id,
      name: resource.name,
      title: resource.title,
      description: resource.description,
      mimeType: resource.mimeType,
      uri: resource.uri,
      uriTemplate: resource.uriTemplate,
      subscribable: resource.subscribable ?? false,
      complete: resource.complete,
      invoke: bind(instance, method) as never,
    });
  }
}
