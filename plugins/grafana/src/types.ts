// Shapes of Grafana HTTP API answers, from Grafana's published API documentation (only the fields this plugin
// reads are typed; the rest passes through as JSON).

export type Json = Record<string, unknown>;

export interface Health {
  commit?: string;
  database?: string;
  version?: string;
}

export interface FrontendSettings {
  appUrl?: string;
  rendererAvailable?: boolean;
  buildInfo?: { version?: string; edition?: string };
}

export interface User {
  id: number;
  login: string;
  email?: string;
  name?: string;
  orgId?: number;
  isGrafanaAdmin?: boolean;
  [key: string]: unknown;
}

export interface UserListItem {
  id: number;
  login: string;
  email?: string;
  name?: string;
  isAdmin?: boolean;
  isDisabled?: boolean;
  lastSeenAtAge?: string;
}

export interface Org {
  id: number;
  name: string;
  [key: string]: unknown;
}

export interface TeamSearch {
  totalCount: number;
  teams: Array<{ id: number; uid?: string; name: string; email?: string; memberCount?: number }>;
  page: number;
  perPage: number;
}

export interface SearchHit {
  id: number;
  uid: string;
  title: string;
  url: string;
  type: 'dash-db' | 'dash-folder' | string;
  tags: string[];
  isStarred?: boolean;
  folderUid?: string;
  folderTitle?: string;
}

export interface DashboardFull {
  dashboard: Json & { uid?: string; title?: string; version?: number };
  meta: {
    version?: number;
    updated?: string;
    updatedBy?: string;
    created?: string;
    createdBy?: string;
    folderUid?: string;
    folderTitle?: string;
    url?: string;
    canSave?: boolean;
    provisioned?: boolean;
    [key: string]: unknown;
  };
}

export interface SaveResult {
  id: number;
  uid: string;
  url: string;
  status: string;
  version: number;
  slug?: string;
}

export interface VersionEntry {
  id: number;
  version: number;
  parentVersion?: number;
  restoredFrom?: number;
  created: string;
  createdBy: string;
  message: string;
}

export interface FolderListItem {
  id: number;
  uid: string;
  title: string;
}

export interface Folder extends FolderListItem {
  url?: string;
  version?: number;
  created?: string;
  updated?: string;
  createdBy?: string;
  updatedBy?: string;
  [key: string]: unknown;
}

export interface Annotation {
  id: number;
  dashboardUID?: string | null;
  panelId?: number;
  time: number;
  timeEnd?: number;
  text: string;
  tags: string[];
  login?: string;
  [key: string]: unknown;
}

export interface Datasource {
  id: number;
  uid: string;
  name: string;
  type: string;
  url?: string;
  access?: string;
  isDefault?: boolean;
  jsonData?: Json;
  secureJsonFields?: Record<string, boolean>;
  [key: string]: unknown;
}

export interface DatasourceWrite {
  id: number;
  name: string;
  message: string;
  datasource: Datasource;
}

export interface PluginListItem {
  id: string;
  name: string;
  type: string;
  enabled: boolean;
  info?: { version?: string; description?: string; author?: { name?: string } };
  signature?: string;
  category?: string;
  hasUpdate?: boolean;
}

export interface Role {
  uid: string;
  name: string;
  displayName?: string;
  description?: string;
  group?: string;
  global?: boolean;
  permissions?: Array<{ action: string; scope?: string }>;
}

export interface AlertRule {
  uid: string;
  title: string;
  folderUID: string;
  ruleGroup: string;
  condition: string;
  data: Json[];
  noDataState?: string;
  execErrState?: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  isPaused?: boolean;
  [key: string]: unknown;
}

export interface RuleStates {
  status: string;
  data: {
    groups: Array<{
      name: string;
      file: string;
      folderUid?: string;
      rules: Array<{
        uid?: string;
        name: string;
        state: string;
        health: string;
        labels?: Record<string, string>;
        alerts?: Json[];
        lastError?: string;
      }>;
    }>;
  };
}

export interface ContactPoint {
  uid: string;
  name: string;
  type: string;
  settings?: Json;
  disableResolveMessage?: boolean;
}
