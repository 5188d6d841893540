// Changes run through the helm binary: chart references and values checked first (no server path from a
// request outside helm.chartsDir / helm.valuesDir, repository URLs through the URL guard), then one helm
// command with the target context's kubeconfig, a time limit and progress notifications.
import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { inject, parseDuration, tokens, type ToolContext } from '@cnmcp/core';
import type { HelmConfig } from './config.js';
import { HelmContexts, type HelmTarget } from './contexts.js';
import { HelmErrors } from './errors.js';
import { HelmCli, type HelmOutput } from './helm-cli.js';
import { singleContextKubeconfig } from './kubeconfig-file.js';
import { checkRepositoryUrl, readRepositories } from './repos.js';
import type { Obj } from './release.js';
import { yaml } from './yaml.js';

export interface RunOptions {
  /** The command talks to the cluster of ctx.backend. */
  cluster?: boolean;
  /** helm's own --timeout in seconds (the process limit adds a margin). */
  timeoutSec?: number;
}

export class HelmCommands {
  readonly cli: HelmCli;

  constructor(
    @inject(tokens.config) readonly config: HelmConfig,
    @inject(HelmContexts) private readonly contexts: HelmContexts,
  ) {
    this.cli = new HelmCli(config);
  }

  /** Seconds for helm's --timeout: the call's timeout, capped by helm.timeoutSec. */
  timeoutSec(timeout: string | undefined): number {
    if (!timeout) return this.config.timeoutSec;
    const ms = parseDuration(timeout, { name: 'timeout' });
    if (ms < 1000) throw HelmErrors.create('HELM_ERR_BAD_INPUT', `timeout ${timeout} is shorter than one second`);
    return Math.min(Math.ceil(ms / 1000), this.config.timeoutSec);
  }

  async run(ctx: ToolContext<HelmTarget>, args: string[], opts: RunOptions = {}): Promise<HelmOutput> {
    const timeoutSec = opts.timeoutSec ?? this.config.timeoutSec;
    const target = opts.cluster ? ctx.backend : undefined;
    await ctx.progress(0, undefined, `helm ${args[0]} started`);
    return this.cli.run({
      args: target ? [...args, '--kube-context', target.context] : args,
      kubeconfig: target ? singleContextKubeconfig(target.parts) : undefined,
      timeoutMs: (timeoutSec + 15) * 1000,
      signal: ctx.signal,
      secrets: this.contexts.kube.allSecrets(),
      onProgress: (elapsed, message) => void ctx.progress(elapsed, undefined, message).catch(() => undefined),
    });
  }

  /** The chart argument as helm takes it; local paths only inside helm.chartsDir. */
  async chartArgs(chart: string, version?: string): Promise<string[]> {
    this.cli.requireBinary(); // say that helm is missing before judging the chart
    const withVersion = (ref: string) => (version ? [ref, '--version', version] : [ref]);
    if (chart.startsWith('oci://')) {
      await checkRepositoryUrl(`https://${chart.slice('oci://'.length)}`, this.config.repositories);
      return withVersion(chart);
    }
    if (/^https?:\/\//i.test(chart)) {
      await checkRepositoryUrl(chart, this.config.repositories);
      return withVersion(chart);
    }
    const slash = chart.indexOf('/');
    if (slash > 0 && !chart.startsWith('.') && !isAbsolute(chart)) {
      const repo = chart.slice(0, slash);
      const repos = readRepositories(this.cli.homes().config);
      if (repos.some((r) => r.name === repo)) return withVersion(chart);
    }
    return [this.localChart(chart)];
  }

  private localChart(chart: string): string {
    const base = this.config.chartsDir;
    if (!base)
      throw HelmErrors.create(
        'HELM_ERR_CHART_NOT_FOUND',
        `chart "${chart}" is not repo/chart of a configured repository, an oci:// reference or an https URL, and helm.chartsDir is not set for local charts`,
      );
    const path = inside(base, chart);
    if (!path)
      throw HelmErrors.create('HELM_ERR_CHART_NOT_FOUND', `chart "${chart}" is outside helm.chartsDir`, {
        hint: 'Name a chart directory or .tgz relative to helm.chartsDir, or use repo/chart.',
      });
    if (!existsSync(path))
      throw HelmErrors.create('HELM_ERR_CHART_NOT_FOUND', `chart "${chart}" does not exist in helm.chartsDir`);
    return path;
  }

  /** `-f` arguments for inline values and values_file, and a cleanup for the temporary file. */
  async valuesArgs(
    values: unknown,
    valuesFile: string | undefined,
  ): Promise<{ args: string[]; cleanup(): Promise<void> }> {
    const args: string[] = [];
    if (valuesFile) args.push('-f', this.valuesFilePath(valuesFile));
    const inline = parseValues(values);
    if (!inline) return { args, cleanup: async () => undefined };
    const dir = await mkdtemp(join(this.cli.homes().tmp, 'values-'));
    const file = join(dir, 'values.yaml');
    await writeFile(file, yaml().stringify(inline), { mode: 0o600 });
    args.push('-f', file);
    return { args, cleanup: () => rm(dir, { recursive: true, force: true }) };
  }

  private valuesFilePath(valuesFile: string): string {
    const base = this.config.valuesDir;
    if (!base)
      throw HelmErrors.create(
        'HELM_ERR_VALUES_FILE_FORBIDDEN',
        `values_file "${valuesFile}" is refused: helm.valuesDir is not set, so no server file may be read`,
      );
    const path = inside(base, valuesFile);
    if (!path)
      throw HelmErrors.create(
        'HELM_ERR_VALUES_FILE_FORBIDDEN',
        `values_file "${valuesFile}" is outside helm.valuesDir`,
      );
    if (!existsSync(path))
      throw HelmErrors.create('HELM_ERR_BAD_INPUT', `values_file "${valuesFile}" does not exist in helm.valuesDir`);
    return path;
  }

  /** Flags shared by install and upgrade. */
  releaseFlags(input: { dry_run?: boolean; wait?: boolean; atomic?: boolean }, timeoutSec: number): string[] {
    return [
      ...(input.dry_run ? ['--dry-run=server'] : []),
      ...(input.wait ? ['--wait'] : []),
      ...(input.atomic ? ['--atomic'] : []),
      ...(this.config.disableOpenApiValidation ? ['--disable-openapi-validation'] : []),
      '--timeout',
      `${timeoutSec}s`,
    ];
  }
}

/** Inline values: an object, or JSON/YAML text of one. */
export function parseValues(values: unknown): Obj | undefined {
  if (values === undefined || values === null || values === '') return undefined;
  let v = values;
  if (typeof v === 'string') {
    try {
      v = yaml().parse(v);
    } catch (err) {
      throw HelmErrors.create(
        'HELM_ERR_BAD_INPUT',
        `values is not valid JSON or YAML: ${(err as Error).message.split('\n')[0]}`,
      );
    }
  }
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw HelmErrors.create(
      'HELM_ERR_BAD_INPUT',
      'values must be an object of chart values (or JSON/YAML text of one)',
    );
  return v as Obj;
}

/** `rel` resolved inside `base` (symlinks followed), or undefined when it escapes. */
export function inside(base: string, rel: string): string | undefined {
  const root = existsSync(base) ? realpathSync(base) : resolve(base);
  const joined = resolve(root, rel);
  const real = existsSync(joined) ? realpathSync(joined) : joined;
  const r = relative(root, real);
  if (r === '' || r.startsWith('..' + sep) || r === '..' || isAbsolute(r)) return undefined;
  return real;
}
