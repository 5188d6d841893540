// Pipeline status: the configured pipelines (YAML), the running ones (zpages) and the data flowing
// through their components (internal metrics), side by side with the problems found.
import type { ConfigAnalysis, Issue, Pipeline } from './config-analysis.js';
import type { CollectorStats } from './telemetry.js';
import type { ZPipeline } from './zpages.js';

const ITEM: Record<string, 'spans' | 'metric_points' | 'log_records'> = {
  traces: 'spans',
  metrics: 'metric_points',
  logs: 'log_records',
};

export interface PipelineStatus extends Pipeline {
  seen_in: Array<'config' | 'zpages'>;
  flow?: { item: string; accepted: number; refused: number; sent: number; send_failed: number };
  issues: Issue[];
}

export interface PipelineReport {
  pipelines: PipelineStatus[];
  issues: Issue[];
}

function flowFor(p: Pipeline, stats: CollectorStats | undefined): PipelineStatus['flow'] {
  const item = ITEM[p.signal];
  if (!stats || !item) return undefined;
  const recv = stats.receivers.filter((r) => p.receivers.includes(r.receiver));
  const exp = stats.exporters.filter((e) => p.exporters.includes(e.exporter));
  const sum = <T>(list: T[], f: (x: T) => number) => list.reduce((n, x) => n + f(x), 0);
  return {
    item,
    accepted: sum(recv, (r) => r.accepted[item]),
    refused: sum(recv, (r) => r.refused[item]),
    sent: sum(exp, (e) => e.sent[item]),
    send_failed: sum(exp, (e) => e.send_failed[item]),
  };
}

/** Receivers and exporters are shared between pipelines of a signal, so flows are per component set. */
export function pipelineReport(
  o: { analysis?: ConfigAnalysis; live?: ZPipeline[]; stats?: CollectorStats },
  filter: { signal?: string; pipeline?: string } = {},
): PipelineReport {
  const byName = new Map<string, PipelineStatus>();
  for (const p of o.analysis?.pipelines ?? []) byName.set(p.name, { ...p, seen_in: ['config'], issues: [] });
  for (const z of o.live ?? []) {
    const known = byName.get(z.name);
    if (known) known.seen_in.push('zpages');
    else byName.set(z.name, { ...z, seen_in: ['zpages'], issues: [] });
  }
  const issues: Issue[] = [];
  for (const issue of o.analysis?.issues ?? []) {
    const owner = issue.pipeline ? byName.get(issue.pipeline) : undefined;
    if (owner) owner.issues.push(issue);
    else issues.push(issue);
  }
  for (const p of byName.values()) {
    p.flow = flowFor(p, o.stats);
    if (o.analysis && o.live && !p.seen_in.includes('zpages'))
      p.issues.push({
        severity: 'warning',
        pipeline: p.name,
        message: 'configured but not running (zpages does not list it): is this the config the collector runs?',
      });
    if (o.analysis && !p.seen_in.includes('config'))
      p.issues.push({ severity: 'warning', pipeline: p.name, message: 'running but not in the analysed config' });
    if (p.flow && p.flow.refused > 0)
      p.issues.push({
        severity: 'error',
        pipeline: p.name,
        message: `receivers refused ${p.flow.refused} ${p.flow.item}`,
      });
    if (p.flow && p.flow.send_failed > 0)
      p.issues.push({
        severity: 'error',
        pipeline: p.name,
        message: `exporters failed to send ${p.flow.send_failed} ${p.flow.item}`,
      });
  }
  const pipelines = [...byName.values()].filter(
    (p) => (!filter.signal || p.signal === filter.signal) && (!filter.pipeline || p.name === filter.pipeline),
  );
  return { pipelines, issues: filter.pipeline || filter.signal ? issues.filter((i) => !i.pipeline) : issues };
}

export function countIssues(issues: Issue[]): Record<Issue['severity'], number> {
  const out = { error: 0, warning: 0, info: 0 };
  for (const i of issues) out[i.severity] += 1;
  return out;
}
