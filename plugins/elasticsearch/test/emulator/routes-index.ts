// Index structure endpoints: create/get/delete indices, `_mapping`, `_settings`, `_stats`, `_segments`,
// `_field_caps`, `_resolve/index`, `_alias` and `_data_stream`.
import type { estypes } from '@elastic/elasticsearch';
import type { Cluster } from './cluster.js';
import { StoreError } from './errors.js';
import { flag, type EsReply, type EsRequest, type Router } from './http.js';
import { flattenMapping, type Properties } from './mapping.js';
import { wildcardRegExp } from './analysis.js';

type Q = Record<string, unknown>;

function nestSettings(flat: Record<string, string>): Q {
  const out: Q = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let cur = out;
    for (const p of parts.slice(0, -1)) cur = (cur[p] ??= {}) as Q;
    cur[parts[parts.length - 1]!] = value;
  }
  return out;
}

function settingsOf(cluster: Cluster, name: string, flat: boolean): Q {
  const s = cluster.state(name);
  const all: Record<string, string> = {
    ...s.settings,
    'index.creation_date': String(s.creationDate),
    'index.uuid': s.uuid,
    'index.provided_name': name,
    'index.version.created': '9009000',
    'index.routing.allocation.include._tier_preference':
      s.settings['index.routing.allocation.include._tier_preference'] ?? 'data_content',
  };
  return flat ? all : nestSettings(all);
}

function resolveOr404(cluster: Cluster, req: EsRequest): string[] {
  return cluster.store.resolve(req.params.index ?? '', { ignoreUnavailable: flag(req.query, 'ignore_unavailable') });
}

function statsBlock(cluster: Cluster, name: string, copies: number): Q {
  const docs = cluster.docCount(name);
  return {
    docs: { count: docs * copies, deleted: 0, total_size_in_bytes: cluster.sizeBytes(name) * copies },
    store: {
      size_in_bytes: cluster.sizeBytes(name) * copies,
      total_data_set_size_in_bytes: cluster.sizeBytes(name) * copies,
      reserved_in_bytes: 0,
    },
    indexing: {
      index_total: docs * copies,
      index_time_in_millis: docs,
      index_current: 0,
      index_failed: 0,
      delete_total: 0,
      delete_time_in_millis: 0,
      delete_current: 0,
      noop_update_total: 0,
      is_throttled: false,
      throttle_time_in_millis: 0,
    },
    search: {
      open_contexts: 0,
      query_total: cluster.counters.searches,
      query_time_in_millis: cluster.counters.searchMillis,
      query_current: 0,
      fetch_total: cluster.counters.searches,
      fetch_time_in_millis: 0,
      fetch_current: 0,
    },
    segments: { count: docs ? 1 : 0, memory_in_bytes: 0 },
  };
}

function fieldCaps(cluster: Cluster, req: EsRequest): estypes.FieldCapsResponse {
  const names = resolveOr404(cluster, req);
  const fromBody = req.body?.fields;
  const requested = String(req.query.fields ?? (Array.isArray(fromBody) ? fromBody.join(',') : (fromBody ?? '')));
  if (!requested)
    throw new StoreError(
      'action_request_validation_exception',
      "Validation Failed: 1: specified fields can't be null or empty;",
    );
  const patterns = requested.split(',').map((p) => wildcardRegExp(p.trim()));
  const fields: estypes.FieldCapsResponse['fields'] = {};
  const byField = new Map<string, Map<string, string[]>>();
  for (const index of names) {
    const flat = flattenMapping(cluster.state(index).properties);
    flat.set('_id', { type: '_id' });
    flat.set('_index', { type: '_index' });
    for (const [field, m] of flat) {
      if (!patterns.some((p) => p.test(field))) continue;
      const types = byField.get(field) ?? new Map<string, string[]>();
      const type = m.type ?? 'object';
      types.set(type, [...(types.get(type) ?? []), index]);
      byField.set(field, types);
    }
  }
  for (const [field, types] of byField) {
    fields[field] = Object.fromEntries(
      [...types].map(([type, indices]) => {
        const meta = type.startsWith('_');
        const cap: estypes.FieldCapsFieldCapability = {
          type,
          metadata_field: meta,
          searchable: type !== 'object',
          aggregatable: !['text', 'object', '_id'].includes(type),
        };
        if (types.size > 1) cap.indices = indices;
        return [type, cap];
      }),
    );
  }
  return { indices: names, fields };
}

export function indexRoutes(router: Router, cluster: Cluster): void {
  const store = cluster.store;
  router.add('GET', '/_resolve/index/:name', (req): EsReply => {
    const names = store.resolve(req.params.name!, { ignoreUnavailable: true });
    const aliases = new Map<string, string[]>();
    for (const n of names) for (const a of cluster.state(n).aliases) aliases.set(a, [...(aliases.get(a) ?? []), n]);
    const body: estypes.IndicesResolveIndexResponse = {
      indices: names.map((name) => {
        const a = [...cluster.state(name).aliases];
        return {
          name,
          attributes: cluster.isHidden(name) ? ['hidden', 'open'] : ['open'],
          ...(a.length ? { aliases: a } : {}),
        };
      }),
      aliases: [...aliases].map(([name, indices]) => ({ name, indices })),
      data_streams: [],
    };
    return { body };
  });
  router.add('GET', '/_data_stream/:name?', () => ({ body: { data_streams: [] } }));
  router.add(['GET', 'POST'], '/_field_caps', (req) => ({ body: fieldCaps(cluster, req) }));
  router.add(['GET', 'POST'], '/:index/_field_caps', (req) => ({ body: fieldCaps(cluster, req) }));
  router.add('GET', '/_alias/:name?', (req) => aliases(cluster, undefined, req.params.name));
  router.add('GET', '/:index/_alias/:name?', (req) => aliases(cluster, resolveOr404(cluster, req), req.params.name));
  router.add('GET', '/_mapping', () => ({
    body: Object.fromEntries(store.indices().map((n) => [n, store.mapping(n)])),
  }));
  router.add('GET', '/:index/_mapping', (req): EsReply => {
    const body: estypes.IndicesGetMappingResponse = Object.fromEntries(
      resolveOr404(cluster, req).map((n) => [n, store.mapping(n)]),
    );
    return { body };
  });
  router.add(['PUT', 'POST'], '/:index/_mapping', (req) => {
    for (const n of resolveOr404(cluster, req)) store.putMapping(n, (req.body?.properties ?? {}) as Properties);
    return { body: { acknowledged: true } };
  });
  router.add('GET', '/_settings', (req) => ({
    body: Object.fromEntries(
      store.indices().map((n) => [n, { settings: settingsOf(cluster, n, flag(req.query, 'flat_settings')) }]),
    ),
  }));
  router.add('GET', '/:index/_settings', (req) => ({
    body: Object.fromEntries(
      resolveOr404(cluster, req).map((n) => [
        n,
        { settings: settingsOf(cluster, n, flag(req.query, 'flat_settings')) },
      ]),
    ),
  }));
  router.add('GET', '/_stats', (req) =>
    stats(
      cluster,
      store.indices().filter((n) => !cluster.isHidden(n)),
      req,
    ),
  );
  router.add('GET', '/:index/_stats', (req) => stats(cluster, resolveOr404(cluster, req), req));
  router.add('GET', '/:index/_segments', (req): EsReply => {
    const names = resolveOr404(cluster, req);
    const body = {
      _shards: { total: names.length, successful: names.length, failed: 0 },
      indices: Object.fromEntries(
        names.map((n) => {
          const docs = cluster.docCount(n);
          const primary = cluster.shards(n).find((c) => c.primary);
          const segments = docs
            ? {
                _0: {
                  generation: 0,
                  num_docs: docs,
                  deleted_docs: 0,
                  size_in_bytes: cluster.sizeBytes(n),
                  committed: true,
                  search: true,
                  version: '10.2.2',
                  compound: true,
                  attributes: {},
                },
              }
            : {};
          return [
            n,
            {
              shards: {
                '0': [
                  {
                    routing: {
                      state: primary?.node ? 'STARTED' : 'UNASSIGNED',
                      primary: true,
                      node: primary?.node?.id ?? null,
                    },
                    num_committed_segments: docs ? 1 : 0,
                    num_search_segments: docs ? 1 : 0,
                    segments,
                  },
                ],
              },
            },
          ];
        }),
      ),
    };
    return { body };
  });
  router.add('PUT', '/:index', (req): EsReply => {
    const b = req.body ?? {};
    store.createIndex(req.params.index!, {
      mappings: b.mappings as object,
      settings: b.settings as object,
      aliases: b.aliases as Record<string, object>,
    });
    const body: estypes.IndicesCreateResponse = {
      acknowledged: true,
      shards_acknowledged: true,
      index: req.params.index!,
    };
    return { body };
  });
  router.add('DELETE', '/:index', (req) => {
    const names = store.resolve(req.params.index!);
    names.forEach((n) => store.deleteIndex(n));
    return { body: { acknowledged: true } };
  });
  router.add('GET', '/:index', (req) => ({
    body: Object.fromEntries(
      resolveOr404(cluster, req).map((n) => [
        n,
        {
          aliases: Object.fromEntries([...cluster.state(n).aliases].map((a) => [a, {}])),
          ...store.mapping(n),
          settings: settingsOf(cluster, n, false),
        },
      ]),
    ),
  }));
}

function aliases(cluster: Cluster, indices: string[] | undefined, name: string | undefined): EsReply {
  const names = indices ?? cluster.store.indices();
  const wanted = name?.split(',').map((n) => wildcardRegExp(n));
  const body: Q = {};
  for (const n of names) {
    const list = [...cluster.state(n).aliases].filter((a) => !wanted || wanted.some((w) => w.test(a)));
    if (list.length || !wanted) body[n] = { aliases: Object.fromEntries(list.map((a) => [a, {}])) };
  }
  if (wanted && !Object.keys(body).length)
    return { status: 404, body: { error: `alias [${name}] missing`, status: 404 } };
  return { body };
}

function stats(cluster: Cluster, names: string[], req: EsRequest): EsReply {
  void req;
  const indices = Object.fromEntries(
    names.map((n) => {
      const active = cluster.shards(n).filter((c) => c.node).length;
      return [
        n,
        {
          uuid: cluster.state(n).uuid,
          health: cluster.indexHealth(n),
          status: 'open',
          primaries: statsBlock(cluster, n, 1),
          total: statsBlock(cluster, n, active),
        },
      ];
    }),
  );
  const sum = (key: 'primaries' | 'total') => {
    const blocks = Object.values(indices).map((i) => i[key] as Record<string, Record<string, number>>);
    const out: Record<string, Record<string, number | boolean>> = {};
    for (const b of blocks)
      for (const [sec, vals] of Object.entries(b))
        for (const [k, v] of Object.entries(vals))
          (out[sec] ??= {})[k] = typeof v === 'number' ? Number(out[sec]![k] ?? 0) + v : v;
    return out;
  };
  const total = names.reduce((s, n) => s + cluster.shards(n).length, 0);
  const ok = names.reduce((s, n) => s + cluster.shards(n).filter((c) => c.node).length, 0);
  return {
    body: {
      _shards: { total, successful: ok, failed: 0 },
      _all: { primaries: sum('primaries'), total: sum('total') },
      indices,
    },
  };
}
