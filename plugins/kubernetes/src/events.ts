// Event listings shared by kubernetes_get_events, _get_recent_events and _get_events_detail: newest first, a page
// cut to the result budget with a continueToken.
import type { ToolContext } from '@cnmcp/core';
import type { ClusterClient, Obj } from './client.js';
import { strip, summarize } from './format.js';
import type { KubeReader } from './kube.js';
import { resolveKind } from './resolve.js';

export async function eventList(
  kube: KubeReader,
  input: { namespace?: string; continueToken?: string },
  ctx: ToolContext<ClusterClient>,
  opts: { fieldSelector?: string; limit: number; full: boolean },
): Promise<string> {
  const c = ctx.backend;
  const r = await resolveKind(c, 'Event', 'v1', ctx.signal);
  const ns = kube.listNs(r, input.namespace);
  const { fieldSelector, limit, full } = opts;
  const page = await kube.page(
    c,
    r,
    { namespace: ns, fieldSelector, limit, continueToken: input.continueToken },
    ctx.signal,
  );
  const when = (e: Obj) => Date.parse(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? 0);
  page.items.sort((a, b) => when(b) - when(a));
  const f = kube.fit(
    page,
    (shown) => (full ? shown.map((e) => strip(e)) : shown.map((e) => summarize(e))),
    ctx.resultBudgetBytes,
  );
  return kube.out(
    {
      context: c.context,
      namespace: ns ?? '(all)',
      ...(fieldSelector ? { fieldSelector } : {}),
      count: f.shown.length,
      ...(f.continueToken ? { continueToken: f.continueToken } : {}),
      events: f.value,
    },
    c,
  );
}
