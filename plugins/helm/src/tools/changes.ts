// Toolset helm/changes: install, upgrade, rollback and uninstall through the helm binary. Rollback and
// uninstall are destructive (the core asks for confirmation); results are read back from the cluster.
import { annotations, inject, Tool, ToolGroup, type Static, type ToolContext } from '@cnmcp/core';
import { HelmCommands } from '../commands.js';
import { HelmContexts, type HelmTarget } from '../contexts.js';
import { HelmErrors } from '../errors.js';
import { parseManifest } from '../manifest.js';
import { capText, statusView } from '../reads.js';
import type { HelmRelease } from '../release.js';
import { InstallInput, RollbackInput, UninstallInput, UpgradeInput } from '../schemas.js';

type Ctx = ToolContext<HelmTarget>;

function changeResult(r: HelmRelease, dryRun: boolean | undefined) {
  const objects = parseManifest(r.manifest, r.namespace).objects;
  return {
    ...statusView(r),
    ...(dryRun ? { dry_run: true } : {}),
    objects: objects.map((o) => `${o.kind}/${o.name}`),
    notes: capText(r.info.notes ?? '', 1_500),
  };
}

function parseRelease(stdout: string, what: string): HelmRelease {
  try {
    return JSON.parse(stdout) as HelmRelease;
  } catch {
    throw HelmErrors.create(
      'HELM_ERR_COMMAND_FAILED',
      `${what} succeeded but printed no release JSON: ${stdout.slice(0, 200)}`,
    );
  }
}

@ToolGroup({
  name: 'changes',
  title: 'Release changes',
  description: 'Install, upgrade, roll back and uninstall releases with the helm binary.',
  defaults: { annotations: annotations.write },
})
export class ChangeTools {
  constructor(
    @inject(HelmCommands) private readonly helm: HelmCommands,
    @inject(HelmContexts) private readonly contexts: HelmContexts,
  ) {}

  @Tool({
    name: 'helm_install_release',
    title: 'Install release',
    description: 'Install a chart as a new release (values inline or values_file; dry_run, wait, atomic, timeout).',
    input: InstallInput,
  })
  async install(input: Static<typeof InstallInput>, ctx: Ctx) {
    const timeoutSec = this.helm.timeoutSec(input.timeout);
    const chart = await this.helm.chartArgs(input.chart, input.version);
    const values = await this.helm.valuesArgs(input.values, input.values_file);
    try {
      const { stdout } = await this.helm.run(
        ctx,
        [
          'install',
          input.name,
          ...chart,
          '--namespace',
          input.namespace,
          ...(input.create_namespace === false ? [] : ['--create-namespace']),
          ...values.args,
          ...this.helm.releaseFlags(input, timeoutSec),
          '-o',
          'json',
        ],
        { cluster: true, timeoutSec },
      );
      return changeResult(parseRelease(stdout, 'helm install'), input.dry_run);
    } finally {
      await values.cleanup();
    }
  }

  @Tool({
    name: 'helm_upgrade_release',
    title: 'Upgrade release',
    description: 'Upgrade a release to a chart/values (reuse_values, install, dry_run, wait, atomic, timeout).',
    input: UpgradeInput,
  })
  async upgrade(input: Static<typeof UpgradeInput>, ctx: Ctx) {
    if (!input.install) await this.contexts.store.history(ctx.backend.context, input.namespace, input.name, ctx.signal);
    const timeoutSec = this.helm.timeoutSec(input.timeout);
    const chart = await this.helm.chartArgs(input.chart, input.version);
    const values = await this.helm.valuesArgs(input.values, input.values_file);
    try {
      const { stdout } = await this.helm.run(
        ctx,
        [
          'upgrade',
          input.name,
          ...chart,
          '--namespace',
          input.namespace,
          ...(input.install ? ['--install', '--create-namespace'] : []),
          ...(input.reuse_values ? ['--reuse-values'] : []),
          ...values.args,
          ...this.helm.releaseFlags(input, timeoutSec),
          '-o',
          'json',
        ],
        { cluster: true, timeoutSec },
      );
      return changeResult(parseRelease(stdout, 'helm upgrade'), input.dry_run);
    } finally {
      await values.cleanup();
    }
  }

  @Tool({
    name: 'helm_rollback_release',
    title: 'Roll back release',
    description: 'Roll a release back to a revision (default: the previous); creates a new revision.',
    input: RollbackInput,
    annotations: annotations.destructive,
  })
  async rollback(input: Static<typeof RollbackInput>, ctx: Ctx) {
    const store = this.contexts.store;
    const records = await store.history(ctx.backend.context, input.namespace, input.name, ctx.signal);
    const current = records[records.length - 1].revision;
    if (input.revision !== undefined && !records.some((r) => r.revision === input.revision))
      throw HelmErrors.create(
        'HELM_ERR_REVISION_NOT_FOUND',
        `release "${input.name}" in namespace ${input.namespace} has no revision ${input.revision}; revisions: ${records.map((r) => r.revision).join(', ')}`,
      );
    if (input.revision === undefined && records.length < 2)
      throw HelmErrors.create(
        'HELM_ERR_REVISION_NOT_FOUND',
        `release "${input.name}" has only revision ${current}; nothing to roll back to`,
      );
    const timeoutSec = this.helm.timeoutSec(input.timeout);
    await this.helm.run(
      ctx,
      [
        'rollback',
        input.name,
        ...(input.revision !== undefined ? [String(input.revision)] : []),
        '--namespace',
        input.namespace,
        ...(input.dry_run ? ['--dry-run'] : []),
        ...(input.wait ? ['--wait'] : []),
        '--timeout',
        `${timeoutSec}s`,
      ],
      { cluster: true, timeoutSec },
    );
    const after = await store.release(ctx.backend.context, input.namespace, input.name, undefined, ctx.signal);
    return {
      rolledBackTo: input.revision ?? records[records.length - 2].revision,
      previousRevision: current,
      ...(input.dry_run ? { dry_run: true } : {}),
      release: statusView(after),
    };
  }

  @Tool({
    name: 'helm_uninstall_release',
    title: 'Uninstall release',
    description: 'Uninstall a release and delete its objects (keep_history keeps the records).',
    input: UninstallInput,
    annotations: annotations.destructive,
  })
  async uninstall(input: Static<typeof UninstallInput>, ctx: Ctx) {
    const records = await this.contexts.store.history(ctx.backend.context, input.namespace, input.name, ctx.signal);
    const r = this.contexts.store.decode(records[records.length - 1]);
    const timeoutSec = this.helm.timeoutSec(input.timeout);
    const { stdout } = await this.helm.run(
      ctx,
      [
        'uninstall',
        input.name,
        '--namespace',
        input.namespace,
        ...(input.keep_history ? ['--keep-history'] : []),
        ...(input.dry_run ? ['--dry-run'] : []),
        ...(input.wait ? ['--wait'] : []),
        '--timeout',
        `${timeoutSec}s`,
      ],
      { cluster: true, timeoutSec },
    );
    return {
      name: input.name,
      namespace: input.namespace,
      uninstalled: !input.dry_run,
      ...(input.dry_run ? { dry_run: true } : {}),
      revision: r.version,
      chart: `${r.chart?.metadata?.name ?? ''}-${r.chart?.metadata?.version ?? ''}`,
      objectsDeleted: parseManifest(r.manifest, r.namespace).objects.map((o) => `${o.kind}/${o.name}`),
      keptHistory: !!input.keep_history,
      message: stdout.trim().split('\n').slice(-1)[0] ?? '',
    };
  }
}
