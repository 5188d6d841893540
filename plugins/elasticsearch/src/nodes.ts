// Node and cluster health summaries: what an agent reads first when asked "is the cluster OK?".
import type { estypes } from '@elastic/elasticsearch';

export interface NodeSummary {
  id: string;
  name: string;
  roles: string[];
  ip?: string;
  version?: string;
  heap_max?: string;
  metrics?: {
    heap_used_percent?: number;
    cpu_percent?: number;
    load_1m?: number;
    disk_used_percent?: number;
    docs?: number;
  };
}

const gb = (bytes: number | undefined) => (bytes === undefined ? undefined : `${(bytes / 1024 ** 3).toFixed(1)}gb`);

export function summarizeNodes(info: estypes.NodesInfoResponse, stats?: estypes.NodesStatsResponse): NodeSummary[] {
  return Object.entries(info.nodes).map(([id, n]) => {
    const out: NodeSummary = {
      id,
      name: n.name,
      roles: [...(n.roles ?? [])],
      ip: n.ip,
      version: n.version,
      heap_max: gb(n.jvm?.mem?.heap_max_in_bytes),
    };
    const s = stats?.nodes[id];
    if (s) {
      const fs = s.fs?.total;
      out.metrics = {
        heap_used_percent: s.jvm?.mem?.heap_used_percent,
        cpu_percent: s.os?.cpu?.percent,
        load_1m: s.os?.cpu?.load_average?.['1m'],
        disk_used_percent: fs?.total_in_bytes
          ? Math.round(100 - (100 * (fs.available_in_bytes ?? 0)) / fs.total_in_bytes)
          : undefined,
        docs: s.indices?.docs?.count ?? undefined,
      };
    }
    return out;
  });
}

/** The health answer with the problem spelled out: what is unassigned and which indices are not green. */
export function healthSummary(h: estypes.ClusterHealthResponse): Record<string, unknown> {
  const problems: string[] = [];
  if (h.unassigned_primary_shards)
    problems.push(
      `${h.unassigned_primary_shards} primary shard(s) unassigned: data in those shards cannot be searched or written`,
    );
  const replicas = h.unassigned_shards - (h.unassigned_primary_shards ?? 0);
  if (replicas > 0)
    problems.push(
      `${replicas} replica shard(s) unassigned${h.number_of_data_nodes < 2 ? ' (a single data node cannot hold replicas; set number_of_replicas: 0 or add a node)' : ''}`,
    );
  if (h.relocating_shards) problems.push(`${h.relocating_shards} shard(s) relocating`);
  if (h.initializing_shards) problems.push(`${h.initializing_shards} shard(s) initializing`);
  if (h.number_of_pending_tasks) problems.push(`${h.number_of_pending_tasks} pending cluster task(s)`);
  const out: Record<string, unknown> = {
    cluster: h.cluster_name,
    status: h.status,
    timed_out: h.timed_out || undefined,
    nodes: h.number_of_nodes,
    data_nodes: h.number_of_data_nodes,
    shards: {
      active: h.active_shards,
      active_primary: h.active_primary_shards,
      unassigned: h.unassigned_shards,
      unassigned_primary: h.unassigned_primary_shards,
      relocating: h.relocating_shards,
      initializing: h.initializing_shards,
      active_percent: Math.round(h.active_shards_percent_as_number * 10) / 10,
    },
    problems,
  };
  if (h.indices) {
    const entries = Object.entries(h.indices);
    const notGreen = entries.filter(([, i]) => i.status !== 'green');
    out.indices = {
      total: entries.length,
      not_green: notGreen
        .slice(0, 50)
        .map(([name, i]) => ({ index: name, status: i.status, unassigned_shards: i.unassigned_shards })),
    };
  }
  return out;
}
