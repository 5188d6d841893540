import { Tool, ToolGroup, annotations, inject, listPage, type Static, type ToolContext } from '@cnmcp/core';
import { JaegerApiCache } from '../api-cache.js';
import { DependenciesInput, NoInput, ServiceOpsInput, ServicesInput } from '../schemas.js';
import { timeWindow } from '../search.js';

const DAY = 86_400_000;

@ToolGroup({
  name: 'services',
  title: 'Services',
  description: 'Services, their operations and the service dependency graph.',
  default: true,
  defaults: { annotations: annotations.read, cacheTtl: 30 },
})
export class ServiceTools {
  constructor(@inject(JaegerApiCache) private readonly apis: JaegerApiCache) {}

  @Tool({
    name: 'jaeger_get_services',
    title: 'List services',
    description: 'Services that reported spans to Jaeger (paged).',
    input: ServicesInput,
  })
  async services(input: Static<typeof ServicesInput>, ctx: ToolContext) {
    const client = this.apis.client(ctx.backend, ctx.signal);
    const names = (await client.services()).sort();
    return { api: await client.api(), ...listPage(names, { limit: input.limit, cursor: input.cursor }) };
  }

  @Tool({
    name: 'jaeger_get_services_summary',
    title: 'Services summary',
    description: 'Compact service list: count and names (first 100).',
    input: NoInput,
  })
  async servicesSummary(_input: Static<typeof NoInput>, ctx: ToolContext) {
    const names = (await this.apis.client(ctx.backend, ctx.signal).services()).sort();
    return { total: names.length, services: names.slice(0, 100), ...(names.length > 100 ? { truncated: true } : {}) };
  }

  @Tool({
    name: 'jaeger_get_service_ops',
    title: 'Operations of a service',
    description: 'Operations (span names) of one service, with span kind where Jaeger reports it.',
    input: ServiceOpsInput,
  })
  async serviceOps(input: Static<typeof ServiceOpsInput>, ctx: ToolContext) {
    const ops = await this.apis.client(ctx.backend, ctx.signal).operations(input.service, input.span_kind);
    const items = ops
      .map((o) => (o.spanKind ? { name: o.name, span_kind: o.spanKind } : { name: o.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { service: input.service, ...listPage(items, { limit: input.limit, cursor: input.cursor }) };
  }

  @Tool({
    name: 'jaeger_get_dependencies',
    title: 'Service dependencies',
    description: 'Service-to-service call graph over a window (default last 24h), with call counts.',
    input: DependenciesInput,
  })
  async dependencies(input: Static<typeof DependenciesInput>, ctx: ToolContext) {
    const { start, end } = timeWindow(input.start_time, input.end_time, DAY);
    const deps = await this.apis.client(ctx.backend, ctx.signal).dependencies(end, end - start);
    const links = deps
      .map((d) => ({ parent: d.parent, child: d.child, call_count: d.callCount }))
      .sort((a, b) => b.call_count - a.call_count);
    const services = [...new Set(links.flatMap((l) => [l.parent, l.child]))].sort();
    return {
      window: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
      services: services.length,
      ...listPage(links, { limit: 200 }),
    };
  }
}
