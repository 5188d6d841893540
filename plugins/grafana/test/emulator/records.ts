// The records the emulator keeps, per org as in Grafana.
import type { EmulatorUser, ServiceAccountToken } from './auth.js';

export interface DashboardVersion {
  id: number;
  version: number;
  parentVersion: number;
  restoredFrom: number;
  created: string;
  createdBy: string;
  message: string;
  data: Record<string, unknown>;
}

export interface StoredDashboard {
  orgId: number;
  id: number;
  uid: string;
  folderUid: string;
  created: string;
  updated: string;
  createdBy: string;
  updatedBy: string;
  /** The current JSON (with id, uid and version set). */
  data: Record<string, unknown>;
  versions: DashboardVersion[];
}

export interface StoredFolder {
  orgId: number;
  id: number;
  uid: string;
  title: string;
  version: number;
  created: string;
  updated: string;
  createdBy: string;
  updatedBy: string;
}

export interface StoredAnnotation {
  orgId: number;
  id: number;
  dashboardUID: string;
  dashboardId: number;
  panelId: number;
  time: number;
  timeEnd: number;
  text: string;
  tags: string[];
  created: number;
  updated: number;
  userId: number;
  login: string;
  data: Record<string, unknown>;
}

export interface StoredDatasource {
  orgId: number;
  id: number;
  uid: string;
  name: string;
  type: string;
  access: 'proxy' | 'direct';
  url: string;
  user: string;
  database: string;
  basicAuth: boolean;
  basicAuthUser: string;
  withCredentials: boolean;
  isDefault: boolean;
  jsonData: Record<string, unknown>;
  secureJsonData: Record<string, string>;
  /** Grafana before 8 stored (and returned) these in clear text; kept to prove the plugin strips them. */
  legacyPassword?: string;
  legacyBasicAuthPassword?: string;
  version: number;
  readOnly: boolean;
}

export interface StoredAlertRule {
  orgId: number;
  id: number;
  uid: string;
  folderUID: string;
  ruleGroup: string;
  title: string;
  condition: string;
  data: Array<Record<string, unknown>>;
  noDataState: string;
  execErrState: string;
  for: string;
  annotations: Record<string, string>;
  labels: Record<string, string>;
  isPaused: boolean;
  updated: string;
  provenance: string;
}

export interface ContactPoint {
  orgId: number;
  uid: string;
  name: string;
  type: string;
  settings: Record<string, unknown>;
  disableResolveMessage: boolean;
}

export interface Team {
  orgId: number;
  id: number;
  uid: string;
  name: string;
  email: string;
  members: number[];
}

export interface Role {
  uid: string;
  name: string;
  displayName: string;
  description: string;
  group: string;
  version: number;
  global: boolean;
  hidden: boolean;
  permissions: Array<{ action: string; scope?: string }>;
}

export interface PluginEntry {
  id: string;
  name: string;
  type: 'datasource' | 'panel' | 'app' | 'renderer';
  enabled: boolean;
  version: string;
  author: string;
  description: string;
  signature: string;
  category: string;
}

export interface GrafanaState {
  version: string;
  orgs: Array<{ id: number; name: string }>;
  users: EmulatorUser[];
  tokens: ServiceAccountToken[];
  folders: StoredFolder[];
  dashboards: StoredDashboard[];
  /** user id → starred dashboard uids */
  stars: Map<number, Set<string>>;
  annotations: StoredAnnotation[];
  datasources: StoredDatasource[];
  alertRules: StoredAlertRule[];
  contactPoints: ContactPoint[];
  teams: Team[];
  roles: Role[];
  userRoles: Map<number, string[]>;
  teamRoles: Map<number, string[]>;
  plugins: PluginEntry[];
  renderer: boolean;
  nextId: () => number;
}
