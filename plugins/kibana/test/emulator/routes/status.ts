// /api/status and /api/features.
import { json, type Route } from '../http.js';

export const FEATURES = [
  { id: 'discover', name: 'Discover', category: { id: 'kibana', label: 'Analytics' } },
  { id: 'dashboard', name: 'Dashboard', category: { id: 'kibana', label: 'Analytics' } },
  { id: 'visualize', name: 'Visualize Library', category: { id: 'kibana', label: 'Analytics' } },
  { id: 'indexPatterns', name: 'Data View Management', category: { id: 'management', label: 'Management' } },
  {
    id: 'savedObjectsManagement',
    name: 'Saved Objects Management',
    category: { id: 'management', label: 'Management' },
  },
  { id: 'stackAlerts', name: 'Stack Rules', category: { id: 'management', label: 'Management' } },
  { id: 'actions', name: 'Actions and Connectors', category: { id: 'management', label: 'Management' } },
].map((f) => ({
  ...f,
  app: [f.id],
  catalogue: [f.id],
  privileges: {
    all: { savedObject: { all: [], read: [] }, ui: [] },
    read: { savedObject: { all: [], read: [] }, ui: [] },
  },
}));

export function statusRoutes(version: string, started: number): Route[] {
  const level = { level: 'available', summary: 'All services and plugins are available' };
  return [
    {
      method: 'GET',
      path: '/api/status',
      handler: () =>
        json({
          name: 'kibana',
          uuid: '5b2de169-2785-441b-ae8c-186a1936b17d',
          version: {
            number: version,
            build_hash: '0000000000000000000000000000000000000000',
            build_number: 77000,
            build_snapshot: false,
            build_flavor: 'traditional',
            build_date: '2024-08-01T00:00:00.000Z',
          },
          status: {
            overall: level,
            core: {
              elasticsearch: { level: 'available', summary: 'Elasticsearch is available' },
              savedObjects: {
                level: 'available',
                summary: 'SavedObjects service has completed migrations and is available',
              },
            },
            plugins: {
              alerting: { level: 'available', summary: 'Alerting is (probably) ready' },
              dataViews: { level: 'available', summary: 'All dependencies are available' },
            },
          },
          metrics: {
            last_updated: new Date().toISOString(),
            collection_interval_in_millis: 5000,
            process: {
              uptime_in_millis: Date.now() - started,
              memory: { heap: { total_in_bytes: 400_000_000, used_in_bytes: 250_000_000, size_limit: 4_000_000_000 } },
              event_loop_delay: 10.2,
            },
            os: { load: { '1m': 0.5, '5m': 0.4, '15m': 0.3 } },
            response_times: { avg_in_millis: 12, max_in_millis: 250 },
            requests: { disconnects: 0, total: 100 },
            concurrent_connections: 3,
          },
        }),
    },
    { method: 'GET', path: '/api/features', handler: () => json(FEATURES) },
  ];
}
