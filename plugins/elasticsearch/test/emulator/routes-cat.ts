// `_cat` views: string-valued columns as real Elasticsearch prints them, JSON with `format=json`, else a text
// table (`v` for headers, `h` to pick columns, `s` to sort, `bytes` for raw byte units).
import type { estypes } from '@elastic/elasticsearch';
import type { Cluster } from './cluster.js';
import { flag, type EsReply, type EsRequest, type Router } from './http.js';

type Row = Record<string, string | null>;

export function humanBytes(bytes: number, unit?: string): string {
  const units: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };
  if (unit && units[unit]) return String(Math.floor(bytes / units[unit]!));
  if (bytes < 1024) return `${bytes}b`;
  for (const [u, size] of [
    ['tb', 1024 ** 4],
    ['gb', 1024 ** 3],
    ['mb', 1024 ** 2],
    ['kb', 1024],
  ] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))}${u}`;
  }
  return `${bytes}b`;
}

function render(req: EsRequest, rows: Row[], columns: string[]): EsReply {
  const picked = req.query.h
    ? req.query.h.split(',').filter((h) => columns.includes(h) || rows.some((r) => h in r))
    : columns;
  let out = rows.map((r) => Object.fromEntries(picked.map((c) => [c, r[c] ?? null])));
  if (req.query.s) {
    const keys = req.query.s.split(',').map((k) => k.split(':') as [string, string?]);
    out = out.sort((a, b) => {
      for (const [k, dir] of keys) {
        const [x, y] = [a[k] ?? '', b[k] ?? ''];
        const numeric = /^-?\d+(\.\d+)?$/.test(x) && /^-?\d+(\.\d+)?$/.test(y);
        const c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        if (c) return dir === 'desc' ? -c : c;
      }
      return 0;
    });
  }
  if (req.query.format === 'json') return { body: out };
  const widths = picked.map((c) =>
    Math.max(flag(req.query, 'v') ? c.length : 0, ...out.map((r) => String(r[c] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((v, i) => v.padEnd(widths[i]!))
      .join(' ')
      .trimEnd();
  const lines = out.map((r) => line(picked.map((c) => String(r[c] ?? ''))));
  if (flag(req.query, 'v')) lines.unshift(line(picked));
  return { text: lines.length ? `${lines.join('\n')}\n` : '' };
}

function indexRows(cluster: Cluster, req: EsRequest): estypes.CatIndicesResponse {
  const all = req.query.expand_wildcards === 'all' || req.query.expand_wildcards?.includes('hidden');
  const names = req.params.index
    ? cluster.store.resolve(req.params.index)
    : cluster.store.indices().filter((n) => all || !cluster.isHidden(n));
  return names.map((name) => {
    const s = cluster.state(name);
    const size = cluster.sizeBytes(name);
    return {
      health: cluster.indexHealth(name),
      status: 'open',
      index: name,
      uuid: s.uuid,
      pri: s.settings['index.number_of_shards'],
      rep: s.settings['index.number_of_replicas'],
      'docs.count': String(cluster.docCount(name)),
      'docs.deleted': '0',
      'store.size': humanBytes(size * (cluster.shards(name).filter((c) => c.node).length || 1), req.query.bytes),
      'pri.store.size': humanBytes(size, req.query.bytes),
      'dataset.size': humanBytes(size, req.query.bytes),
    };
  });
}

export function catRoutes(router: Router, cluster: Cluster): void {
  router.add('GET', '/_cat/indices/:index?', (req) => {
    const rows = indexRows(cluster, req) as Row[];
    const healthFilter = req.query.health;
    return render(req, healthFilter ? rows.filter((r) => r.health === healthFilter) : rows, [
      'health',
      'status',
      'index',
      'uuid',
      'pri',
      'rep',
      'docs.count',
      'docs.deleted',
      'store.size',
      'pri.store.size',
      'dataset.size',
    ]);
  });
  router.add('GET', '/_cat/health', (req) => {
    const names = cluster.store.indices();
    const copies = names.flatMap((n) => cluster.shards(n));
    const active = copies.filter((c) => c.node);
    const now = Date.now();
    const row: estypes.CatHealthHealthRecord = {
      epoch: String(Math.floor(now / 1000)),
      timestamp: new Date(now).toISOString().slice(11, 19),
      cluster: cluster.name,
      status: cluster.health(),
      'node.total': String(cluster.nodes.length),
      'node.data': String(cluster.nodes.filter((n) => n.roles.includes('data')).length),
      shards: String(active.length),
      pri: String(active.filter((c) => c.primary).length),
      relo: '0',
      init: '0',
      unassign: String(copies.length - active.length),
      'unassign.pri': String(copies.filter((c) => c.primary && !c.node).length),
      pending_tasks: '0',
      max_task_wait_time: '-',
      active_shards_percent: `${(copies.length ? (100 * active.length) / copies.length : 100).toFixed(1)}%`,
    };
    return render(req, [row as Row], Object.keys(row));
  });
  router.add('GET', '/_cat/nodes', (req) => {
    const rows: estypes.CatNodesNodesRecord[] = cluster.nodes.map((n, i) => ({
      ip: n.ip,
      'heap.percent': String(30 + 10 * i),
      'ram.percent': '62',
      cpu: String(7 + i),
      load_1m: '0.50',
      load_5m: '0.40',
      load_15m: '0.30',
      'node.role': n.roles
        .map(
          (r) =>
            ({ data: 'd', ingest: 'i', master: 'm', remote_cluster_client: 'r', transform: 't' })[r as string] ?? '',
        )
        .join(''),
      master: n === cluster.master ? '*' : '-',
      name: n.name,
    }));
    return render(req, rows as Row[], [
      'ip',
      'heap.percent',
      'ram.percent',
      'cpu',
      'load_1m',
      'load_5m',
      'load_15m',
      'node.role',
      'master',
      'name',
    ]);
  });
  router.add('GET', '/_cat/shards/:index?', (req) => {
    const names = req.params.index ? cluster.store.resolve(req.params.index) : cluster.store.indices();
    const rows: Array<{ [K in keyof estypes.CatShardsShardsRecord]?: string | null }> = names.flatMap((name) =>
      cluster.shards(name).map((c) => ({
        index: name,
        shard: String(c.shard),
        prirep: c.primary ? 'p' : 'r',
        state: c.node ? 'STARTED' : 'UNASSIGNED',
        docs: c.node ? String(cluster.docCount(name)) : null,
        store: c.node ? humanBytes(cluster.sizeBytes(name), req.query.bytes) : null,
        dataset: c.node ? humanBytes(cluster.sizeBytes(name), req.query.bytes) : null,
        ip: c.node?.ip ?? null,
        node: c.node?.name ?? null,
        'unassigned.reason': c.node ? null : c.primary ? 'INDEX_CREATED' : 'REPLICA_ADDED',
      })),
    );
    return render(req, rows as Row[], ['index', 'shard', 'prirep', 'state', 'docs', 'store', 'dataset', 'ip', 'node']);
  });
  router.add('GET', '/_cat/aliases/:name?', (req) => {
    const rows: Row[] = [];
    for (const name of cluster.store.indices()) {
      for (const alias of cluster.state(name).aliases) {
        if (!req.params.name || req.params.name.split(',').includes(alias))
          rows.push({
            alias,
            index: name,
            filter: '-',
            'routing.index': '-',
            'routing.search': '-',
            is_write_index: '-',
          });
      }
    }
    return render(req, rows, ['alias', 'index', 'filter', 'routing.index', 'routing.search', 'is_write_index']);
  });
  router.add('GET', '/_cat/allocation/:nodeId?', (req) => {
    const GB = 1024 ** 3;
    const rows: Array<{ [K in keyof estypes.CatAllocationAllocationRecord]?: string | null }> = cluster.nodes.map(
      (n, i) => {
        const names = cluster.store.indices();
        const onNode = names.flatMap((name) =>
          cluster
            .shards(name)
            .filter((c) => c.node === n)
            .map(() => name),
        );
        const used = (40 + 5 * i) * GB;
        return {
          shards: String(onNode.length),
          'shards.undesired': '0',
          'write_load.forecast': '0.0',
          'disk.indices.forecast': humanBytes(
            onNode.reduce((s, name) => s + cluster.sizeBytes(name), 0),
            req.query.bytes,
          ),
          'disk.indices': humanBytes(
            onNode.reduce((s, name) => s + cluster.sizeBytes(name), 0),
            req.query.bytes,
          ),
          'disk.used': humanBytes(used, req.query.bytes),
          'disk.avail': humanBytes(100 * GB - used, req.query.bytes),
          'disk.total': humanBytes(100 * GB, req.query.bytes),
          'disk.percent': String(Math.round(used / GB)),
          host: n.ip,
          ip: n.ip,
          node: n.name,
          'node.role': n.roles
            .map(
              (r) =>
                ({ data: 'd', ingest: 'i', master: 'm', remote_cluster_client: 'r', transform: 't' })[r as string] ??
                '',
            )
            .join(''),
        };
      },
    );
    return render(req, rows as Row[], [
      'shards',
      'shards.undesired',
      'write_load.forecast',
      'disk.indices.forecast',
      'disk.indices',
      'disk.used',
      'disk.avail',
      'disk.total',
      'disk.percent',
      'host',
      'ip',
      'node',
      'node.role',
    ]);
  });
  router.add('GET', '/_cat/count/:index?', (req) => {
    const now = Date.now();
    const count = cluster.store.count(req.params.index ?? '');
    return render(
      req,
      [
        {
          epoch: String(Math.floor(now / 1000)),
          timestamp: new Date(now).toISOString().slice(11, 19),
          count: String(count),
        },
      ],
      ['epoch', 'timestamp', 'count'],
    );
  });
}
