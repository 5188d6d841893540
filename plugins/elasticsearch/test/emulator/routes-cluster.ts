// Cluster-level endpoints: `/`, `/_cluster/health|stats|settings`, `/_nodes` and `/_nodes/stats`.
import type { estypes } from '@elastic/elasticsearch';
import type { Cluster, EmulatedNode, Health } from './cluster.js';
import { flag, type EsReply, type EsRequest, type Router } from './http.js';

const RANK: Record<Health, number> = { green: 0, yellow: 1, red: 2 };
const GB = 1024 ** 3;

export function info(cluster: Cluster): estypes.InfoResponse {
  return {
    name: cluster.master.name,
    cluster_name: cluster.name,
    cluster_uuid: cluster.store.clusterUuid,
    version: {
      number: cluster.version,
      build_flavor: 'default',
      build_type: 'tar',
      build_hash: '0000000000000000000000000000000000000000',
      build_date: '2025-01-01T00:00:00.000Z',
      build_snapshot: false,
      lucene_version: cluster.major >= 9 ? '10.2.2' : '9.12.0',
      minimum_wire_compatibility_version: `${cluster.major - 1}.18.0`,
      minimum_index_compatibility_version: `${cluster.major - 1}.0.0`,
    },
    tagline: 'You Know, for Search',
  };
}

function healthBody(cluster: Cluster, req: EsRequest, indices: string[]): estypes.ClusterHealthResponse {
  const copies = indices.flatMap((i) => cluster.shards(i));
  const active = copies.filter((c) => c.node).length;
  const body: estypes.ClusterHealthResponse = {
    cluster_name: cluster.name,
    status: cluster.health(indices),
    timed_out: false,
    number_of_nodes: cluster.nodes.length,
    number_of_data_nodes: cluster.nodes.filter((n) => n.roles.includes('data')).length,
    active_primary_shards: copies.filter((c) => c.primary && c.node).length,
    active_shards: active,
    relocating_shards: 0,
    initializing_shards: 0,
    unassigned_shards: copies.length - active,
    unassigned_primary_shards: copies.filter((c) => c.primary && !c.node).length,
    delayed_unassigned_shards: 0,
    number_of_pending_tasks: 0,
    number_of_in_flight_fetch: 0,
    task_max_waiting_in_queue_millis: 0,
    active_shards_percent_as_number: copies.length ? (100 * active) / copies.length : 100,
  };
  const level = req.query.level ?? 'cluster';
  if (level === 'indices' || level === 'shards') {
    body.indices = Object.fromEntries(
      indices.map((name) => {
        const c = cluster.shards(name);
        const s = cluster.state(name);
        const stats: estypes.ClusterHealthIndexHealthStats = {
          status: cluster.indexHealth(name),
          number_of_shards: Number(s.settings['index.number_of_shards']),
          number_of_replicas: Number(s.settings['index.number_of_replicas']),
          active_primary_shards: c.filter((x) => x.primary && x.node).length,
          active_shards: c.filter((x) => x.node).length,
          relocating_shards: 0,
          initializing_shards: 0,
          unassigned_shards: c.filter((x) => !x.node).length,
          unassigned_primary_shards: c.filter((x) => x.primary && !x.node).length,
        };
        if (level === 'shards') {
          const byShard = new Map<number, typeof c>();
          for (const x of c) byShard.set(x.shard, [...(byShard.get(x.shard) ?? []), x]);
          stats.shards = Object.fromEntries(
            [...byShard].map(([n, xs]) => [
              String(n),
              {
                status: xs.some((x) => x.primary && !x.node) ? 'red' : xs.some((x) => !x.node) ? 'yellow' : 'green',
                primary_active: xs.some((x) => x.primary && x.node),
                active_shards: xs.filter((x) => x.node).length,
                relocating_shards: 0,
                initializing_shards: 0,
                unassigned_shards: xs.filter((x) => !x.node).length,
                unassigned_primary_shards: xs.filter((x) => x.primary && !x.node).length,
              },
            ]),
          );
        }
        return [name, stats];
      }),
    );
  }
  return body;
}

function clusterHealth(cluster: Cluster, req: EsRequest): EsReply {
  let indices: string[];
  try {
    indices = req.params.index ? cluster.store.resolve(req.params.index) : cluster.store.indices();
  } catch {
    // A health request for a missing index waits for it to appear and times out red.
    return { status: 408, body: { ...healthBody(cluster, req, []), status: 'red', timed_out: true } };
  }
  const body = healthBody(cluster, req, indices);
  const wanted = req.query.wait_for_status as Health | undefined;
  if (wanted && RANK[body.status as Health] > RANK[wanted]) return { status: 408, body: { ...body, timed_out: true } };
  return { body };
}

function nodeInfo(cluster: Cluster, n: EmulatedNode, i: number): estypes.NodesInfoNodeInfo {
  return {
    name: n.name,
    transport_address: `${n.ip}:${9300 + i}`,
    host: n.ip,
    ip: n.ip,
    version: cluster.version,
    transport_version: 9000000,
    index_version: 9000000,
    component_versions: {},
    build_flavor: 'default',
    build_type: 'tar',
    build_hash: '0000000000000000000000000000000000000000',
    total_indexing_buffer: 53687091,
    roles: n.roles,
    attributes: { 'xpack.installed': 'true' },
    os: {
      refresh_interval_in_millis: 1000,
      name: 'Linux',
      pretty_name: 'Linux',
      arch: 'amd64',
      version: '6.1.0',
      available_processors: 2,
      allocated_processors: 2,
    },
    process: { refresh_interval_in_millis: 1000, id: 1000 + i, mlockall: false },
    jvm: {
      pid: 1000 + i,
      version: '21.0.2',
      vm_name: 'OpenJDK 64-Bit Server VM',
      vm_version: '21.0.2+13-58',
      vm_vendor: 'Oracle Corporation',
      start_time_in_millis: cluster.startedAt,
      mem: {
        heap_init_in_bytes: GB,
        heap_max_in_bytes: GB,
        non_heap_init_in_bytes: 7667712,
        non_heap_max_in_bytes: 0,
        direct_max_in_bytes: 0,
      },
      gc_collectors: ['G1 Young Generation', 'G1 Old Generation'],
      memory_pools: ['CodeHeap', 'G1 Eden Space', 'G1 Old Gen'],
      using_compressed_ordinary_object_pointers: 'true',
      using_bundled_jdk: true,
      input_arguments: [],
    },
  } as estypes.NodesInfoNodeInfo;
}

function nodeStats(cluster: Cluster, n: EmulatedNode, i: number): estypes.NodesStats {
  const indices = cluster.store.indices().filter((name) => cluster.shards(name).some((c) => c.node === n));
  const docs = indices.reduce((sum, name) => sum + cluster.docCount(name), 0);
  const size = indices.reduce((sum, name) => sum + cluster.sizeBytes(name), 0);
  const heapUsed = Math.round(GB * (0.3 + 0.1 * i));
  return {
    timestamp: Date.now(),
    name: n.name,
    transport_address: `${n.ip}:${9300 + i}`,
    host: n.ip,
    ip: n.ip,
    roles: n.roles,
    attributes: {},
    indices: {
      docs: { count: docs, deleted: 0, total_size_in_bytes: size },
      store: { size_in_bytes: size, reserved_in_bytes: 0 },
      search: {
        query_total: cluster.counters.searches,
        query_time_in_millis: cluster.counters.searchMillis,
        query_current: 0,
        fetch_total: cluster.counters.searches,
        fetch_time_in_millis: 0,
        fetch_current: 0,
        scroll_total: 0,
        scroll_time_in_millis: 0,
        scroll_current: 0,
        suggest_total: 0,
        suggest_time_in_millis: 0,
        suggest_current: 0,
      },
      indexing: {
        index_total: cluster.counters.indexed,
        index_time_in_millis: 0,
        index_current: 0,
        index_failed: 0,
        delete_total: cluster.counters.deleted,
        delete_time_in_millis: 0,
        delete_current: 0,
        noop_update_total: 0,
        is_throttled: false,
        throttle_time_in_millis: 0,
      },
    },
    os: {
      timestamp: Date.now(),
      cpu: { percent: 7 + i, load_average: { '1m': 0.5, '5m': 0.4, '15m': 0.3 } },
      mem: { total_in_bytes: 8 * GB, free_in_bytes: 3 * GB, used_in_bytes: 5 * GB, free_percent: 38, used_percent: 62 },
    },
    jvm: {
      timestamp: Date.now(),
      uptime_in_millis: Date.now() - cluster.startedAt,
      mem: {
        heap_used_in_bytes: heapUsed,
        heap_used_percent: Math.round((100 * heapUsed) / GB),
        heap_committed_in_bytes: GB,
        heap_max_in_bytes: GB,
        non_heap_used_in_bytes: 150_000_000,
        non_heap_committed_in_bytes: 160_000_000,
        pools: {},
      },
      threads: { count: 60, peak_count: 64 },
      gc: {
        collectors: {
          young: { collection_count: 12, collection_time_in_millis: 80 },
          old: { collection_count: 0, collection_time_in_millis: 0 },
        },
      },
    },
    fs: {
      timestamp: Date.now(),
      total: { total_in_bytes: 100 * GB, free_in_bytes: 60 * GB, available_in_bytes: 55 * GB },
    },
    thread_pool: {
      search: { threads: 4, queue: 0, active: 0, rejected: 0, largest: 4, completed: cluster.counters.searches },
      write: { threads: 2, queue: 0, active: 0, rejected: 0, largest: 2, completed: cluster.counters.indexed },
    },
    breakers: {
      parent: {
        limit_size_in_bytes: Math.round(GB * 0.95),
        limit_size: '972.7mb',
        estimated_size_in_bytes: heapUsed,
        estimated_size: `${Math.round(heapUsed / 1048576)}mb`,
        overhead: 1,
        tripped: 0,
      },
    },
  };
}

function selectNodes(cluster: Cluster, filter: string | undefined): Array<[EmulatedNode, number]> {
  const all = cluster.nodes.map((n, i) => [n, i] as [EmulatedNode, number]);
  if (!filter || filter === '_all') return all;
  const wanted = filter.split(',');
  return all.filter(([n]) =>
    wanted.some(
      (w) =>
        w === n.id ||
        w === n.name ||
        (w === '_master' && n === cluster.master) ||
        (w === '_local' && n === cluster.master),
    ),
  );
}

const NODE_METRICS = new Set([
  'settings',
  'os',
  'process',
  'jvm',
  'thread_pool',
  'transport',
  'http',
  'plugins',
  'ingest',
  'aggregations',
  'indices',
]);

export function clusterRoutes(router: Router, cluster: Cluster): void {
  router.add('GET', '/', () => ({ body: info(cluster) }));
  router.add('GET', '/_cluster/health/:index?', (req) => clusterHealth(cluster, req));
  router.add('GET', '/_cluster/settings', (req): EsReply => {
    const body: estypes.ClusterGetSettingsResponse = { persistent: {}, transient: {} };
    if (flag(req.query, 'include_defaults')) {
      body.defaults = {
        cluster: { name: cluster.name, routing: { allocation: { enable: 'all' } }, max_shards_per_node: '1000' },
        action: { destructive_requires_name: 'true' },
      };
    }
    return { body };
  });
  router.add('GET', '/_cluster/stats', (): EsReply => {
    const names = cluster.store.indices();
    const copies = names.flatMap((n) => cluster.shards(n)).filter((c) => c.node);
    const body = {
      _nodes: { total: cluster.nodes.length, successful: cluster.nodes.length, failed: 0 },
      cluster_name: cluster.name,
      cluster_uuid: cluster.store.clusterUuid,
      timestamp: Date.now(),
      status: cluster.health(),
      indices: {
        count: names.length,
        shards: { total: copies.length, primaries: copies.filter((c) => c.primary).length, replication: 0 },
        docs: { count: names.reduce((s, n) => s + cluster.docCount(n), 0), deleted: 0 },
        store: { size_in_bytes: names.reduce((s, n) => s + cluster.sizeBytes(n), 0), reserved_in_bytes: 0 },
      },
      nodes: {
        count: {
          total: cluster.nodes.length,
          data: cluster.nodes.filter((n) => n.roles.includes('data')).length,
          master: 1,
          ingest: cluster.nodes.length,
        },
        versions: [cluster.version],
        jvm: {
          max_uptime_in_millis: Date.now() - cluster.startedAt,
          mem: { heap_used_in_bytes: Math.round(GB * 0.3), heap_max_in_bytes: GB * cluster.nodes.length },
        },
      },
    };
    return { body };
  });
  router.add('GET', '/_nodes/stats/:metric?', (req) => ({ body: nodesStats(cluster, undefined, req.params.metric) }));
  router.add('GET', '/_nodes/:nodeId/stats/:metric?', (req) => ({
    body: nodesStats(cluster, req.params.nodeId, req.params.metric),
  }));
  router.add('GET', '/_nodes/:nodeId?/:metric?', (req): EsReply => {
    let nodeId: string | undefined = req.params.nodeId;
    let metric: string | undefined = req.params.metric;
    if (nodeId && !metric && nodeId.split(',').every((m) => NODE_METRICS.has(m) || m === '_all'))
      [nodeId, metric] = [undefined, nodeId];
    const selected = selectNodes(cluster, nodeId);
    const keep = metric && metric !== '_all' ? new Set(metric.split(',')) : undefined;
    const nodes = Object.fromEntries(
      selected.map(([n, i]) => {
        const full = nodeInfo(cluster, n, i) as unknown as Record<string, unknown>;
        if (keep) for (const k of NODE_METRICS) if (!keep.has(k)) delete full[k];
        return [n.id, full];
      }),
    );
    return {
      body: {
        _nodes: { total: selected.length, successful: selected.length, failed: 0 },
        cluster_name: cluster.name,
        nodes,
      },
    };
  });
}

function nodesStats(
  cluster: Cluster,
  nodeId: string | undefined,
  metric: string | undefined,
): estypes.NodesStatsResponse {
  const selected = selectNodes(cluster, nodeId);
  const keep = metric && metric !== '_all' ? new Set(metric.split(',')) : undefined;
  const nodes = Object.fromEntries(
    selected.map(([n, i]) => {
      const full = nodeStats(cluster, n, i) as Record<string, unknown>;
      if (keep)
        for (const k of ['indices', 'os', 'jvm', 'fs', 'thread_pool', 'breakers']) if (!keep.has(k)) delete full[k];
      return [n.id, full];
    }),
  );
  return {
    _nodes: { total: selected.length, successful: selected.length, failed: 0 },
    cluster_name: cluster.name,
    nodes,
  } as estypes.NodesStatsResponse;
}
