// The Helm plugin: releases read natively from the cluster (Kubernetes contexts shared with the Kubernetes
// plugin are its targets, chosen with `context`), changes through the helm binary, the diagnosis prompt.
import { Prompt, Service } from '@cnmcp/core';
import { HelmCommands } from './commands.js';
import { HelmConfigSchema } from './config.js';
import { HelmContexts } from './contexts.js';
import { ChangeTools } from './tools/changes.js';
import { ChartTools } from './tools/charts.js';
import { InsightTools } from './tools/insights.js';
import { ReleaseTools } from './tools/releases.js';
import { RepositoryTools } from './tools/repositories.js';
import { ViewTools } from './tools/views.js';

@Service({
  name: 'helm',
  title: 'Helm',
  description:
    'Helm releases read from the cluster (history, values, diffs, resources); install, upgrade, rollback via helm.',
  core: '^0.1.0',
  config: HelmConfigSchema,
  backend: { provider: HelmContexts, argument: 'context' },
  tools: [ReleaseTools, ViewTools, InsightTools, ChangeTools, RepositoryTools, ChartTools],
  providers: [HelmCommands],
})
export class HelmPlugin {
  @Prompt({
    name: 'helm_release_diagnosis',
    title: 'Diagnose a Helm release',
    description: 'Find out why a Helm release is failing or misbehaving, read-first, before any change.',
    arguments: [
      { name: 'release', description: 'Release name (namespace/name or name).', required: true },
      { name: 'time_range', description: 'How far back to look, e.g. 24h (default: since the last change).' },
      { name: 'notes', description: 'Anything already known.' },
    ],
  })
  releaseDiagnosis(args: { release?: string; time_range?: string; notes?: string }) {
    const [ns, name] = (args.release ?? '').includes('/') ? args.release!.split('/', 2) : ['', args.release ?? ''];
    const where = ns
      ? `name=${name}, namespace=${ns}`
      : `name=${name} (find its namespace with helm_list_releases first)`;
    return [
      `Diagnose the Helm release ${args.release || '(not given)'}${args.time_range ? ` over the last ${args.time_range}` : ''}.`,
      args.notes ? `Already known: ${args.notes}` : '',
      '',
      'Read first, change nothing until the cause is clear:',
      `1. helm_get_release_status (${where}): status and the description of the last change.`,
      '2. helm_get_release_history: when did it last succeed, and what happened since (failed, pending-*, rollbacks)?',
      '3. helm_compare_revisions between the last good revision and the current one: values and objects that changed.',
      '4. helm_get_resources_of_release with includeStatus=true: which objects are missing or not ready.',
      '5. helm_validate_release for a one-line verdict; for a not-ready workload, use the Kubernetes tools (events, pod logs) if available.',
      'Report: the cause with evidence (revision, changed value or object, failing resource), then the smallest fix.',
      'Only then, and after the user agrees, change something: helm_upgrade_release with corrected values (dry_run first),',
      'or helm_rollback_release to the last good revision. Verify with helm_get_release_status afterwards.',
    ]
      .filter((line, i) => line !== '' || i === 2)
      .join('\n');
  }
}
