// The emulator's data: organisations, users and tokens, folders, dashboards with their saved versions,
// annotations, datasources (pointing at the real Prometheus and Alertmanager when given), alert rules,
// contact points, teams, RBAC roles and plugins. Everything is per org, as in Grafana.
import type { EmulatorUser, OrgRole, ServiceAccountToken } from './auth.js';
import { alertingOverview, serviceOverview } from './fixture-dashboards.js';

export type * from './records.js';
import type {
  GrafanaState,
  PluginEntry,
  Role,
  StoredAnnotation,
  StoredDashboard,
  StoredDatasource,
  StoredFolder,
} from './records.js';

export interface StateOptions {
  prometheusUrl?: string;
  alertmanagerUrl?: string;
  renderer?: boolean;
}

/** Credentials of the fixture identities (org 1 unless the name says otherwise). */
export const CREDENTIALS = {
  adminToken: 'glsa_cnmcpAdminToken0000000000000000_00000001',
  editorToken: 'glsa_cnmcpEditorToken000000000000000_00000002',
  viewerToken: 'glsa_cnmcpViewerToken000000000000000_00000003',
  org2Token: 'glsa_cnmcpOrg2AdminToken00000000000_00000004',
  admin: { username: 'admin', password: 'admin-pass' },
  editor: { username: 'editor', password: 'editor-pass' },
  viewer: { username: 'viewer', password: 'viewer-pass' },
} as const;

const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
const HOUR = 3_600_000;

/** An address where nothing listens (connections are refused at once). */
export const DEAD_URL = 'http://127.0.0.1:9';

export function createState(options: StateOptions = {}): GrafanaState {
  let id = 100;
  const nextId = () => ++id;
  const users: EmulatorUser[] = [
    {
      id: 1,
      login: 'admin',
      email: 'admin@localhost',
      name: 'Admin',
      password: CREDENTIALS.admin.password,
      serverAdmin: true,
      orgs: { 1: 'Admin', 2: 'Admin' },
    },
    {
      id: 2,
      login: 'editor',
      email: 'editor@example.com',
      name: 'Eddie Editor',
      password: CREDENTIALS.editor.password,
      serverAdmin: false,
      orgs: { 1: 'Editor' },
    },
    {
      id: 3,
      login: 'viewer',
      email: 'viewer@example.com',
      name: 'Vera Viewer',
      password: CREDENTIALS.viewer.password,
      serverAdmin: false,
      orgs: { 1: 'Viewer' },
    },
  ];
  const token = (tid: number, name: string, t: string, orgId: number, role: OrgRole): ServiceAccountToken => ({
    id: tid,
    name,
    token: t,
    orgId,
    role,
  });
  const tokens = [
    token(10, 'cnmcp-admin', CREDENTIALS.adminToken, 1, 'Admin'),
    token(11, 'cnmcp-editor', CREDENTIALS.editorToken, 1, 'Editor'),
    token(12, 'cnmcp-viewer', CREDENTIALS.viewerToken, 1, 'Viewer'),
    token(13, 'cnmcp-org2', CREDENTIALS.org2Token, 2, 'Admin'),
  ];
  const folder = (fid: number, uid: string, title: string, orgId = 1): StoredFolder => ({
    orgId,
    id: fid,
    uid,
    title,
    version: 1,
    created: iso(48 * HOUR),
    updated: iso(48 * HOUR),
    createdBy: 'admin',
    updatedBy: 'admin',
  });
  const v1 = serviceOverview(1);
  const v2 = serviceOverview(2);
  const dashboards: StoredDashboard[] = [
    {
      orgId: 1,
      id: 21,
      uid: 'svc-overview',
      folderUid: 'ops',
      created: iso(24 * HOUR),
      updated: iso(2 * HOUR),
      createdBy: 'admin',
      updatedBy: 'editor',
      data: { ...v2, id: 21, version: 2 },
      versions: [
        {
          id: 31,
          version: 1,
          parentVersion: 0,
          restoredFrom: 0,
          created: iso(24 * HOUR),
          createdBy: 'admin',
          message: 'Initial save',
          data: { ...v1, id: 21, version: 1 },
        },
        {
          id: 32,
          version: 2,
          parentVersion: 1,
          restoredFrom: 0,
          created: iso(2 * HOUR),
          createdBy: 'editor',
          message: 'Add scrape durations table',
          data: { ...v2, id: 21, version: 2 },
        },
      ],
    },
    {
      orgId: 1,
      id: 22,
      uid: 'alerting-overview',
      folderUid: '',
      created: iso(12 * HOUR),
      updated: iso(12 * HOUR),
      createdBy: 'admin',
      updatedBy: 'admin',
      data: { ...alertingOverview(), id: 22, version: 1 },
      versions: [
        {
          id: 33,
          version: 1,
          parentVersion: 0,
          restoredFrom: 0,
          created: iso(12 * HOUR),
          createdBy: 'admin',
          message: '',
          data: { ...alertingOverview(), id: 22, version: 1 },
        },
      ],
    },
  ];
  const now = Date.now();
  const annotation = (aid: number, minutesAgo: number, text: string, tags: string[], dash = ''): StoredAnnotation => ({
    orgId: 1,
    id: aid,
    dashboardUID: dash,
    dashboardId: dash ? 21 : 0,
    panelId: dash ? 1 : 0,
    time: now - minutesAgo * 60_000,
    timeEnd: now - minutesAgo * 60_000,
    text,
    tags,
    created: now - minutesAgo * 60_000,
    updated: now - minutesAgo * 60_000,
    userId: 1,
    login: 'admin',
    data: {},
  });
  const ds = (
    dsId: number,
    uid: string,
    name: string,
    type: string,
    url: string,
    extra: Partial<StoredDatasource> = {},
  ): StoredDatasource => ({
    orgId: 1,
    id: dsId,
    uid,
    name,
    type,
    access: 'proxy',
    url,
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    withCredentials: false,
    isDefault: false,
    jsonData: {},
    secureJsonData: {},
    version: 1,
    readOnly: false,
    ...extra,
  });
  const role = (uid: string, name: string, displayName: string, group: string, actions: string[]): Role => ({
    uid,
    name,
    displayName,
    description: `${displayName} (emulated fixed role)`,
    group,
    version: 1,
    global: uid.startsWith('fixed_'),
    hidden: false,
    permissions: actions.map((action) => ({ action, scope: action.split(':')[0] + ':*' })),
  });
  const plugin = (
    pid: string,
    name: string,
    type: PluginEntry['type'],
    category: string,
    enabled = true,
  ): PluginEntry => ({
    id: pid,
    name,
    type,
    enabled,
    version: type === 'app' ? '1.0.4' : '',
    author: 'Grafana Labs',
    description: `${name} ${type}`,
    signature: type === 'app' || type === 'renderer' ? 'valid' : 'internal',
    category,
  });
  const plugins = [
    plugin('prometheus', 'Prometheus', 'datasource', 'tsdb'),
    plugin('loki', 'Loki', 'datasource', 'logging'),
    plugin('alertmanager', 'Alertmanager', 'datasource', 'other'),
    plugin('mysql', 'MySQL', 'datasource', 'sql'),
    plugin('timeseries', 'Time series', 'panel', ''),
    plugin('stat', 'Stat', 'panel', ''),
    plugin('table', 'Table', 'panel', ''),
    plugin('logs', 'Logs', 'panel', ''),
    plugin('grafana-lokiexplore-app', 'Logs Drilldown', 'app', ''),
  ];
  if (options.renderer) plugins.push(plugin('grafana-image-renderer', 'Grafana Image Renderer', 'renderer', ''));
  return {
    version: '11.3.0',
    orgs: [
      { id: 1, name: 'Main Org.' },
      { id: 2, name: 'Second Org' },
    ],
    users,
    tokens,
    folders: [folder(11, 'ops', 'Operations'), folder(12, 'team-a', 'Team A'), folder(13, 'org2-f', 'Org 2 folder', 2)],
    dashboards,
    stars: new Map([[1, new Set(['svc-overview'])]]),
    annotations: [
      annotation(1, 90, 'Deployed api v1.4.2', ['deploy', 'api'], 'svc-overview'),
      annotation(2, 30, 'Database failover', ['incident', 'db']),
      annotation(3, 10, 'Deployed api v1.4.3', ['deploy', 'api'], 'svc-overview'),
    ],
    datasources: [
      ds(1, 'prometheus', 'Prometheus', 'prometheus', options.prometheusUrl ?? DEAD_URL, {
        isDefault: true,
        jsonData: { httpMethod: 'POST', timeInterval: '1s' },
      }),
      ds(2, 'alertmanager', 'Alertmanager', 'alertmanager', options.alertmanagerUrl ?? DEAD_URL, {
        jsonData: { implementation: 'prometheus', handleGrafanaManagedAlerts: false },
      }),
      ds(3, 'loki', 'Loki', 'loki', DEAD_URL, {
        basicAuth: true,
        basicAuthUser: 'loki',
        secureJsonData: { basicAuthPassword: 'loki-basic-secret' },
        jsonData: { maxLines: 1000 },
      }),
      ds(4, 'legacy-mysql', 'Legacy MySQL', 'mysql', '127.0.0.1:3306', {
        user: 'grafana',
        database: 'metrics',
        legacyPassword: 'hunter2-legacy-password',
        jsonData: { maxOpenConns: 10 },
      }),
      ds(5, 'prometheus-org2', 'Org2 Prometheus', 'prometheus', options.prometheusUrl ?? DEAD_URL, {
        orgId: 2,
        isDefault: true,
      }),
    ],
    alertRules: [
      {
        orgId: 1,
        id: 41,
        uid: 'gauge-high',
        folderUID: 'ops',
        ruleGroup: 'cnmcp',
        title: 'Test gauge high',
        condition: 'C',
        data: [
          {
            refId: 'A',
            queryType: '',
            relativeTimeRange: { from: 600, to: 0 },
            datasourceUid: 'prometheus',
            model: { refId: 'A', expr: 'cnmcp_test_gauge', instant: true },
          },
          {
            refId: 'C',
            queryType: '',
            relativeTimeRange: { from: 0, to: 0 },
            datasourceUid: '__expr__',
            model: {
              refId: 'C',
              type: 'threshold',
              expression: 'A',
              conditions: [{ evaluator: { type: 'gt', params: [40] } }],
            },
          },
        ],
        noDataState: 'NoData',
        execErrState: 'Error',
        for: '1m',
        annotations: { summary: 'The test gauge is above 40' },
        labels: { severity: 'warning', team: 'sre' },
        isPaused: false,
        updated: iso(6 * HOUR),
        provenance: '',
      },
    ],
    contactPoints: [
      {
        orgId: 1,
        uid: 'default-email',
        name: 'grafana-default-email',
        type: 'email',
        settings: { addresses: '<example@email.com>' },
        disableResolveMessage: false,
      },
      {
        orgId: 1,
        uid: 'oncall-webhook',
        name: 'oncall',
        type: 'webhook',
        settings: { url: 'https://oncall.example.com/hook', httpMethod: 'POST', password: '[REDACTED]' },
        disableResolveMessage: false,
      },
    ],
    teams: [
      { orgId: 1, id: 1, uid: 'team-sre', name: 'SRE', email: 'sre@example.com', members: [1, 2] },
      { orgId: 1, id: 2, uid: 'team-dev', name: 'Developers', email: '', members: [3] },
    ],
    roles: [
      role('fixed_dashboards_reader', 'fixed:dashboards:reader', 'Dashboard reader', 'Dashboards', ['dashboards:read']),
      role('fixed_dashboards_writer', 'fixed:dashboards:writer', 'Dashboard writer', 'Dashboards', [
        'dashboards:read',
        'dashboards:write',
        'dashboards:create',
        'dashboards:delete',
      ]),
      role('fixed_datasources_reader', 'fixed:datasources:reader', 'Data source reader', 'Data sources', [
        'datasources:read',
        'datasources:query',
      ]),
      role('custom_oncall', 'custom:oncall', 'On-call responder', 'Custom', [
        'alert.rules:read',
        'alert.silences:create',
        'annotations:create',
      ]),
    ],
    userRoles: new Map([
      [2, ['custom_oncall']],
      [3, ['fixed_dashboards_reader']],
    ]),
    teamRoles: new Map([[1, ['fixed_dashboards_writer', 'fixed_datasources_reader']]]),
    plugins,
    renderer: options.renderer ?? false,
    nextId,
  };
}
