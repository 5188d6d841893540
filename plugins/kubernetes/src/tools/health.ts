// Toolset kubernetes/health (default): what is broken, the warnings, the logs, and a rule-based analysis.
import { Tool, ToolGroup, annotations, inject, isCnmcpError, type Static, type ToolContext } from '@cnmcp/core';
import { recommend } from '../analyze.js';
import type { ClusterClient, Obj } from '../client.js';
import { diagnose, isUnhealthy } from '../diagnose.js';
import { KubeErrors } from '../errors.js';
import { eventList } from '../events.js';
import { capString, summarize } from '../format.js';
import { KubeReader, skipNote, skippableKindError } from '../kube.js';
import { resolveKind, resourcePath, withKind } from '../resolve.js';
import * as S from '../schemas.js';

type Ctx = ToolContext<ClusterClient>;
const UNHEALTHY_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'Node'];

@ToolGroup({
  name: 'health',
  title: 'Health and diagnosis',
  description: 'Unhealthy objects, recent warnings, pod logs and a rule-based analysis of common failures.',
  default: true,
  defaults: { annotations: annotations.read, redactOutput: false },
})
export class HealthTools {
  constructor(@inject(KubeReader) private readonly kube: KubeReader) {}

  @Tool({
    name: 'kubernetes_get_unhealthy_resources',
    title: 'Unhealthy objects',
    description:
      'Finds crashing/pending/failed Pods, failed Jobs, under-replicated Deployments/StatefulSets/DaemonSets and NotReady Nodes (paged reads, capped at kubernetes.maxScanItems per kind).',
    input: S.UnhealthyInput,
  })
  async unhealthy(input: Static<typeof S.UnhealthyInput>, ctx: Ctx) {
    const c = ctx.backend;
    const kinds = input.resourceTypes?.length ? input.resourceTypes : UNHEALTHY_KINDS;
    const found: Obj[] = [];
    const notes: string[] = [];
    for (const k of kinds) {
      // A kind the cluster does not serve, or these credentials may not list, must not hide what the others show.
      let scanned: { kind: string; items: Obj[]; complete: boolean } | undefined;
      try {
        scanned = await this.scanKind(c, k, input.namespace, notes, ctx.signal);
      } catch (err) {
        const skipped = skippableKindError(err);
        if (!skipped) throw err;
        notes.push(skipNote(k, skipped));
        continue;
      }
      for (const o of scanned.items) if (isUnhealthy(o)) found.push({ ...summarize(o), issues: diagnose(o) });
    }
    const pg = this.kube.offsetPage(found, {
      limit: input.limit ?? 50,
      max: 500,
      continueToken: input.continueToken,
      budgetBytes: ctx.resultBudgetBytes,
    });
    return this.kube.out(
      {
        context: c.context,
        namespace: input.namespace ?? '(all)',
        total: pg.total,
        shown: pg.shown.length,
        ...(pg.continueToken ? { continueToken: pg.continueToken } : {}),
        ...(pg.truncatedBySize ? { truncated: 'cut to the size budget; pass continueToken for the rest' } : {}),
        items: pg.shown,
        ...(notes.length ? { notes } : {}),
      },
      c,
    );
  }

  /** Reads one kind up to the scan cap; beyond it, pods not Running or Succeeded are still found everywhere. */
  private async scanKind(
    c: ClusterClient,
    kind: string,
    namespace: string | undefined,
    notes: string[],
    signal: AbortSignal,
  ) {
    const r = await resolveKind(c, kind, undefined, signal);
    const cap = this.kube.config.maxScanItems;
    const ns = this.kube.listNs(r, namespace);
    let { items, complete } = await this.kube.scan(c, r, { namespace: ns }, signal);
    if (!complete && r.kind === 'Pod') {
      // Beyond the cap, the API server still finds pending, failed and unknown pods for us (a field selector on
      // status.phase), so a crowded namespace does not hide a pending pod elsewhere.
      const seen = new Set(items.map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`));
      try {
        const fieldSelector = 'status.phase!=Running,status.phase!=Succeeded';
        const off = await this.kube.scan(c, r, { namespace: ns, fieldSelector }, signal);
        items = [...items, ...off.items.filter((o) => !seen.has(`${o.metadata?.namespace}/${o.metadata?.name}`))];
        notes.push(
          `Pod: only the first ${cap} were checked in full; pods not Running or Succeeded were checked everywhere${off.complete ? '' : ' (also capped)'}`,
        );
      } catch (err) {
        if (!isCnmcpError(err)) throw err;
        notes.push(`Pod: only the first ${cap} were checked`);
      }
      complete = true;
    }
    if (!complete) notes.push(`${r.kind}: only the first ${cap} were checked`);
    return { kind: r.kind, items, complete };
  }

  @Tool({
    name: 'kubernetes_get_recent_events',
    title: 'Recent warnings',
    description:
      'Recent warning/failure events only (default selector type!=Normal), compact, newest first; limit default 20, max 100.',
    input: S.RecentEventsInput,
    cacheTtl: 30,
  })
  async recentEvents(input: Static<typeof S.RecentEventsInput>, ctx: Ctx) {
    const fieldSelector = input.fieldSelector ?? 'type!=Normal';
    return eventList(this.kube, input, ctx, { fieldSelector, limit: Math.min(input.limit ?? 20, 100), full: false });
  }

  @Tool({
    name: 'kubernetes_get_pod_logs',
    title: 'Pod logs',
    description:
      'Container logs: container (needed for multi-container pods), previous (the crashed instance), sinceSeconds, tailLines (default 100, max 5000), timestamps, grep (regex line filter); capped to kubernetes.maxLogBytes, newest lines kept.',
    input: S.PodLogsInput,
  })
  async podLogs(input: Static<typeof S.PodLogsInput>, ctx: Ctx) {
    const c = ctx.backend;
    this.kube.checkNamespace(input.namespace);
    const text = await c.request<string>({
      path: `/api/v1/namespaces/${encodeURIComponent(input.namespace)}/pods/${encodeURIComponent(input.name)}/log`,
      text: true,
      signal: ctx.signal,
      maxBytes: 16 * 1024 * 1024,
      query: {
        container: input.container,
        previous: input.previous ? 'true' : undefined,
        sinceSeconds: input.sinceSeconds,
        tailLines: input.tailLines ?? 100,
        timestamps: input.timestamps ? 'true' : undefined,
      },
    });
    let body = text;
    let grepNote = '';
    if (input.grep) {
      let re: RegExp;
      try {
        re = new RegExp(input.grep, 'i');
      } catch (err) {
        throw KubeErrors.create(
          'KUBERNETES_ERR_BAD_INPUT',
          `grep is not a valid regular expression: ${(err as Error).message}`,
        );
      }
      const all = text.split('\n').filter((l, i, a) => l || i < a.length - 1);
      const kept = all.filter((l) => re.test(l));
      body = kept.length ? kept.join('\n') + '\n' : '';
      grepNote = `, grep: ${kept.length} of ${all.length} lines matched`;
    }
    const cap = capString(body, Math.min(this.kube.config.maxLogBytes, ctx.resultBudgetBytes - 1_000), 'tail');
    const lines = cap.text ? cap.text.replace(/\n$/, '').split('\n').length : 0;
    const cut = cap.truncated
      ? `, truncated: kept the last ${Buffer.byteLength(cap.text)} of ${cap.totalBytes} bytes (use tailLines/sinceSeconds for less)`
      : '';
    const header = `pod: ${input.namespace}/${input.name}${input.container ? `, container: ${input.container}` : ''}${input.previous ? ' (previous instance)' : ''}, lines: ${lines}${grepNote}${cut}`;
    return this.kube.out(`${header}\n---\n${cap.text || '(no log lines)'}`, c);
  }

  @Tool({
    name: 'kubernetes_analyze_issue',
    title: 'Analyse an issue',
    description:
      "Rule-based analysis of pod_crash, pod_pending, deployment_unavailable or job_failed: findings from status, events and (for crashes) the previous container's last log lines, with recommendations.",
    input: S.AnalyzeIssueInput,
  })
  async analyze(input: Static<typeof S.AnalyzeIssueInput>, ctx: Ctx) {
    const c = ctx.backend;
    const r = await resolveKind(c, input.resourceKind, undefined, ctx.signal);
    const ns = this.kube.objNs(c, r, input.namespace);
    const o = await this.kube.getObj(c, r, input.resourceName, ns, ctx.signal);
    const findings = diagnose(o);
    const extra: Obj = {};
    const events = await this.kube.events(c, o, ctx.signal, 10);
    const text = JSON.stringify([findings, events]);
    const first: string[] = [];
    if (input.issueType === 'pod_crash') {
      if (r.kind !== 'Pod') throw KubeErrors.create('KUBERNETES_ERR_BAD_INPUT', 'pod_crash needs resourceKind Pod');
      Object.assign(extra, await this.previousLogs(c, o, ns!, ctx.signal));
    } else if (input.issueType === 'deployment_unavailable') {
      extra.replicaSets = await this.kube.owned(c, o, ctx.signal);
      const sel = o.spec?.selector?.matchLabels;
      if (sel) {
        extra.notReadyPods = await this.notReadyPods(c, sel, ns, ctx.signal);
        if ((extra.notReadyPods as Obj[]).length)
          first.push('Some pods are not ready: analyse them with issueType pod_crash or pod_pending.');
      }
    } else if (input.issueType === 'job_failed') {
      extra.pods = await this.kube.owned(c, o, ctx.signal);
    }
    const rec = [...first, ...recommend(input.issueType, text)];
    if (!rec.length)
      rec.push(findings.length ? 'Look at the findings and events above.' : 'No problem found in status and events.');
    return this.kube.out(
      { issueType: input.issueType, object: summarize(o), findings, events, ...extra, recommendations: rec },
      c,
    );
  }

  /** The last lines of each restarted or waiting container's previous instance. */
  private async previousLogs(c: ClusterClient, o: Obj, ns: string, signal: AbortSignal): Promise<Obj> {
    const extra: Obj = {};
    for (const cs of o.status?.containerStatuses ?? []) {
      if (!((cs.restartCount ?? 0) > 0 || cs.state?.waiting)) continue;
      try {
        const logs = await c.request<string>({
          path: `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(o.metadata.name)}/log`,
          text: true,
          query: { container: cs.name, previous: 'true', tailLines: 20 },
          signal,
        });
        extra[`previousLogs_${cs.name}`] = capString(logs, 4000, 'tail').text.split('\n').filter(Boolean);
      } catch {
        /* no previous instance */
      }
    }
    return extra;
  }

  private async notReadyPods(c: ClusterClient, sel: Obj, ns: string | undefined, signal: AbortSignal) {
    const podRes = await resolveKind(c, 'Pod', 'v1', signal);
    const labelSelector = Object.entries(sel)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const pods = await c.request<Obj>({ path: resourcePath(podRes, ns), query: { labelSelector, limit: 100 }, signal });
    return withKind(podRes, pods.items ?? [])
      .map((p): Obj => ({ ...summarize(p), issues: diagnose(p) }))
      .filter((p) => p.issues.length || p.status !== 'Running');
  }
}
