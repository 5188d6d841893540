// The Grafana HTTP API as typed calls over the core's HttpClient: the real paths (provisioning alerting,
// /api/teams/search, /api/access-control/...), X-Grafana-Org-Id per target, and Grafana's answers turned into
// errors that name the object (a 404 on a dashboard is GRAFANA_ERR_DASHBOARD_NOT_FOUND with the UID).
import { backendMessage, backendStatus, type HttpClient, type HttpRequest } from '@cnmcp/core';
import { GrafanaErrors } from './errors.js';
import type * as G from './types.js';

type Query = HttpRequest['query'];

const enc = encodeURIComponent;

/** Grafana's `{"message": …}` from a failed call, else the raw text. */
function grafanaMessage(err: unknown): string {
  const text = backendMessage(err) ?? '';
  try {
    const parsed = JSON.parse(text) as { message?: string };
    return parsed.message ?? text;
  } catch {
    return text;
  }
}

export class GrafanaApi {
  constructor(
    private readonly http: HttpClient,
    private readonly orgId?: number,
    private readonly signal?: AbortSignal,
  ) {}

  private async call<T>(
    method: NonNullable<HttpRequest['method']>,
    path: string,
    options: { query?: Query; body?: unknown; acceptStatus?: number[] } = {},
  ): Promise<{ status: number; body: T }> {
    try {
      const res = await this.http.request<T>({
        method,
        path,
        query: options.query,
        body: options.body,
        acceptStatus: options.acceptStatus,
        headers: this.orgId ? { 'X-Grafana-Org-Id': String(this.orgId) } : undefined,
        signal: this.signal,
      });
      return { status: res.status, body: res.body };
    } catch (err) {
      if (backendStatus(err) === 403)
        throw GrafanaErrors.create(
          'GRAFANA_ERR_PERMISSION_DENIED',
          `Grafana refused ${method} ${path}: ${grafanaMessage(err)}`,
        );
      throw err;
    }
  }

  private async get<T>(path: string, query?: Query): Promise<T> {
    return (await this.call<T>('GET', path, { query })).body;
  }

  /** Runs `fn`; a 404 becomes `code` with `what` named. */
  private async named<T>(
    fn: () => Promise<T>,
    code: Parameters<typeof GrafanaErrors.create>[0],
    what: string,
  ): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (backendStatus(err) === 404)
        throw GrafanaErrors.create(code, `${what} not found (Grafana: ${grafanaMessage(err) || 'HTTP 404'})`);
      throw err;
    }
  }

  // --- identity and instance ---------------------------------------------------------------------------------
  health = () => this.get<G.Health>('/api/health');
  frontendSettings = () => this.get<G.FrontendSettings>('/api/frontend/settings');
  currentUser = () => this.get<G.User>('/api/user');
  organization = () => this.get<G.Org>('/api/org');
  users = (perpage: number, page: number) => this.get<G.UserListItem[]>('/api/users', { perpage, page });
  teams = (query: string | undefined, perpage: number, page: number) =>
    this.get<G.TeamSearch>('/api/teams/search', { query, perpage, page });

  // --- dashboards ----------------------------------------------------------------------------------------------
  search = (query: Query) => this.get<G.SearchHit[]>('/api/search', query);

  dashboard = (uid: string) =>
    this.named(
      () => this.get<G.DashboardFull>(`/api/dashboards/uid/${enc(uid)}`),
      'GRAFANA_ERR_DASHBOARD_NOT_FOUND',
      `dashboard ${JSON.stringify(uid)}`,
    );

  /** POST /api/dashboards/db; a 412 is explained with the version that is stored now. */
  async saveDashboard(input: {
    dashboard: G.Json;
    folderUid?: string;
    overwrite?: boolean;
    message?: string;
  }): Promise<G.SaveResult> {
    try {
      return (await this.call<G.SaveResult>('POST', '/api/dashboards/db', { body: input })).body;
    } catch (err) {
      const status = backendStatus(err);
      if (status === 412) throw await this.saveConflict(err, input.dashboard);
      if (status === 404)
        throw GrafanaErrors.create(
          'GRAFANA_ERR_DASHBOARD_NOT_FOUND',
          `dashboard id ${String(input.dashboard.id)} not found; leave id out to create it`,
        );
      if (status === 400 && /folder/i.test(grafanaMessage(err)))
        throw GrafanaErrors.create(
          'GRAFANA_ERR_FOLDER_NOT_FOUND',
          `folder ${JSON.stringify(input.folderUid)} not found`,
        );
      throw err;
    }
  }

  private async saveConflict(err: unknown, dashboard: G.Json) {
    let body: { status?: string; message?: string } = {};
    try {
      body = JSON.parse(backendMessage(err) ?? '{}') as typeof body;
    } catch {
      /* not JSON */
    }
    if (body.status === 'name-exists')
      return GrafanaErrors.create(
        'GRAFANA_ERR_NAME_EXISTS',
        `Grafana: ${body.message ?? 'a dashboard with the same name exists'} (title ${JSON.stringify(dashboard.title)})`,
      );
    const uid = typeof dashboard.uid === 'string' ? dashboard.uid : '';
    const current = uid ? await this.dashboard(uid).catch(() => undefined) : undefined;
    const sent = dashboard.version ?? '(none)';
    const now = current
      ? `version ${String(current.meta.version)}, saved by ${current.meta.updatedBy ?? '?'} at ${current.meta.updated ?? '?'}`
      : 'a newer version';
    return GrafanaErrors.create(
      'GRAFANA_ERR_VERSION_CONFLICT',
      `dashboard ${JSON.stringify(uid)} was changed by someone else: you sent version ${String(sent)}, Grafana holds ${now}`,
      {
        hint: `Read it again with grafana_dashboard, re-apply your change, and save with "version": ${String(current?.meta.version ?? 'the current one')}; or save with overwrite: true to discard the other change.`,
        data: {
          current_version: current?.meta.version,
          updated_by: current?.meta.updatedBy,
          updated: current?.meta.updated,
        },
      },
    );
  }

  deleteDashboard = (uid: string) =>
    this.named(
      async () => (await this.call<G.Json>('DELETE', `/api/dashboards/uid/${enc(uid)}`)).body,
      'GRAFANA_ERR_DASHBOARD_NOT_FOUND',
      `dashboard ${JSON.stringify(uid)}`,
    );

  async dashboardVersions(uid: string, limit: number, start: number): Promise<G.VersionEntry[]> {
    const body = await this.named(
      () =>
        this.get<G.VersionEntry[] | { versions: G.VersionEntry[] }>(`/api/dashboards/uid/${enc(uid)}/versions`, {
          limit,
          start,
        }),
      'GRAFANA_ERR_DASHBOARD_NOT_FOUND',
      `dashboard ${JSON.stringify(uid)}`,
    );
    // Grafana 11 wraps the list in {continueToken, versions}; older versions answer a bare array.
    return Array.isArray(body) ? body : (body.versions ?? []);
  }

  async dashboardVersion(uid: string, version: number): Promise<G.VersionEntry & { data: G.Json }> {
    try {
      return await this.get<G.VersionEntry & { data: G.Json }>(`/api/dashboards/uid/${enc(uid)}/versions/${version}`);
    } catch (err) {
      if (backendStatus(err) !== 404) throw err;
      await this.dashboard(uid); // throws DASHBOARD_NOT_FOUND when the dashboard itself is missing
      throw GrafanaErrors.create(
        'GRAFANA_ERR_DASHBOARD_VERSION_NOT_FOUND',
        `dashboard ${JSON.stringify(uid)} has no version ${version}`,
      );
    }
  }

  async restoreDashboardVersion(uid: string, version: number): Promise<G.SaveResult> {
    await this.dashboardVersion(uid, version);
    return (await this.call<G.SaveResult>('POST', `/api/dashboards/uid/${enc(uid)}/restore`, { body: { version } }))
      .body;
  }

  // --- folders -------------------------------------------------------------------------------------------------
  folders = (limit: number, page: number) => this.get<G.FolderListItem[]>('/api/folders', { limit, page });
  folder = (uid: string) =>
    this.named(
      () => this.get<G.Folder>(`/api/folders/${enc(uid)}`),
      'GRAFANA_ERR_FOLDER_NOT_FOUND',
      `folder ${JSON.stringify(uid)}`,
    );

  async createFolder(body: { title: string; uid?: string; parentUid?: string }): Promise<G.Folder> {
    try {
      return (await this.call<G.Folder>('POST', '/api/folders', { body })).body;
    } catch (err) {
      if (backendStatus(err) === 409)
        throw GrafanaErrors.create('GRAFANA_ERR_NAME_EXISTS', `Grafana: ${grafanaMessage(err)}`);
      throw err;
    }
  }

  async updateFolder(uid: string, body: { title: string; version?: number; overwrite?: boolean }): Promise<G.Folder> {
    try {
      return (await this.call<G.Folder>('PUT', `/api/folders/${enc(uid)}`, { body })).body;
    } catch (err) {
      const status = backendStatus(err);
      if (status === 404)
        throw GrafanaErrors.create('GRAFANA_ERR_FOLDER_NOT_FOUND', `folder ${JSON.stringify(uid)} not found`);
      if (status === 412) {
        const current = await this.folder(uid).catch(() => undefined);
        throw GrafanaErrors.create(
          'GRAFANA_ERR_VERSION_CONFLICT',
          `folder ${JSON.stringify(uid)} was changed by someone else: you sent version ${String(body.version ?? '(none)')}, Grafana holds version ${String(current?.version ?? '?')}`,
          {
            hint: `Save again with version: ${String(current?.version ?? 'the current one')}, or with overwrite: true.`,
            data: { current_version: current?.version },
          },
        );
      }
      throw err;
    }
  }

  async deleteFolder(uid: string, forceDeleteRules: boolean): Promise<G.Json> {
    try {
      const query = forceDeleteRules ? { forceDeleteRules: true } : undefined;
      return (await this.call<G.Json>('DELETE', `/api/folders/${enc(uid)}`, { query })).body;
    } catch (err) {
      const status = backendStatus(err);
      if (status === 404)
        throw GrafanaErrors.create('GRAFANA_ERR_FOLDER_NOT_FOUND', `folder ${JSON.stringify(uid)} not found`);
      if (status === 400 && /alert rule/i.test(grafanaMessage(err)))
        throw GrafanaErrors.create(
          'GRAFANA_ERR_FOLDER_HAS_ALERT_RULES',
          `folder ${JSON.stringify(uid)}: ${grafanaMessage(err)}`,
        );
      throw err;
    }
  }

  // --- annotations ---------------------------------------------------------------------------------------------
  annotations = (query: Query) => this.get<G.Annotation[]>('/api/annotations', query);
  annotationTags = (tag: string | undefined, limit: number) =>
    this.get<{ result: { tags: Array<{ tag: string; count: number }> } }>('/api/annotations/tags', { tag, limit });
  createAnnotation = async (body: G.Json) =>
    (await this.call<{ id: number; message: string }>('POST', '/api/annotations', { body })).body;
  createGraphiteAnnotation = async (body: G.Json) =>
    (await this.call<{ id: number; message: string }>('POST', '/api/annotations/graphite', { body })).body;

  private annotationWrite = (method: 'PUT' | 'PATCH' | 'DELETE', id: number, body?: G.Json) =>
    this.named(
      async () => (await this.call<{ message: string }>(method, `/api/annotations/${id}`, { body })).body,
      'GRAFANA_ERR_ANNOTATION_NOT_FOUND',
      `annotation ${id}`,
    );
  updateAnnotation = (id: number, body: G.Json) => this.annotationWrite('PUT', id, body);
  patchAnnotation = (id: number, body: G.Json) => this.annotationWrite('PATCH', id, body);
  deleteAnnotation = (id: number) => this.annotationWrite('DELETE', id);

  // --- datasources ---------------------------------------------------------------------------------------------
  datasources = () => this.get<G.Datasource[]>('/api/datasources');
  datasourceByUid = (uid: string) =>
    this.named(
      () => this.get<G.Datasource>(`/api/datasources/uid/${enc(uid)}`),
      'GRAFANA_ERR_DATASOURCE_NOT_FOUND',
      `datasource uid ${JSON.stringify(uid)}`,
    );
  datasourceByName = (name: string) =>
    this.named(
      () => this.get<G.Datasource>(`/api/datasources/name/${enc(name)}`),
      'GRAFANA_ERR_DATASOURCE_NOT_FOUND',
      `datasource named ${JSON.stringify(name)}`,
    );

  async createDatasource(body: G.Json): Promise<G.DatasourceWrite> {
    try {
      return (await this.call<G.DatasourceWrite>('POST', '/api/datasources', { body })).body;
    } catch (err) {
      if (backendStatus(err) === 409)
        throw GrafanaErrors.create(
          'GRAFANA_ERR_NAME_EXISTS',
          `Grafana: ${grafanaMessage(err)} (name ${JSON.stringify(body.name)})`,
        );
      throw err;
    }
  }

  async updateDatasource(uid: string, body: G.Json): Promise<G.DatasourceWrite> {
    try {
      return (await this.call<G.DatasourceWrite>('PUT', `/api/datasources/uid/${enc(uid)}`, { body })).body;
    } catch (err) {
      const status = backendStatus(err);
      if (status === 404)
        throw GrafanaErrors.create(
          'GRAFANA_ERR_DATASOURCE_NOT_FOUND',
          `datasource uid ${JSON.stringify(uid)} not found`,
        );
      if (status === 409) throw GrafanaErrors.create('GRAFANA_ERR_NAME_EXISTS', `Grafana: ${grafanaMessage(err)}`);
      throw err;
    }
  }

  deleteDatasource = (uid: string) =>
    this.named(
      async () => (await this.call<G.Json>('DELETE', `/api/datasources/uid/${enc(uid)}`)).body,
      'GRAFANA_ERR_DATASOURCE_NOT_FOUND',
      `datasource uid ${JSON.stringify(uid)}`,
    );

  /** Grafana answers a failed health check with HTTP 400 and {status: "ERROR", message}. */
  async datasourceHealth(uid: string): Promise<{ status: string; message: string; details?: unknown }> {
    const res = await this.named(
      () =>
        this.call<{ status: string; message: string }>('GET', `/api/datasources/uid/${enc(uid)}/health`, {
          acceptStatus: [400, 500, 503],
        }),
      'GRAFANA_ERR_DATASOURCE_NOT_FOUND',
      `datasource uid ${JSON.stringify(uid)}`,
    );
    return res.body && typeof res.body === 'object' ? res.body : { status: 'ERROR', message: `HTTP ${res.status}` };
  }

  /** POST /api/ds/query. Grafana answers 400 (or 207) when a query failed, with the error in that query's result. */
  async query(body: G.Json): Promise<{ results: Record<string, G.Json> }> {
    const res = await this.call<{ results?: Record<string, G.Json>; message?: string }>('POST', '/api/ds/query', {
      body,
      acceptStatus: [400, 207],
    });
    if (res.body?.results) return { results: res.body.results };
    throw GrafanaErrors.create(
      'GRAFANA_ERR_QUERY_FAILED',
      `Grafana refused the query: ${res.body?.message ?? `HTTP ${res.status}`}`,
    );
  }

  proxyGet = <T>(uid: string, path: string, query?: Query) =>
    this.get<T>(`/api/datasources/proxy/uid/${enc(uid)}/${path.replace(/^\/+/, '')}`, query);

  // --- plugins -------------------------------------------------------------------------------------------------
  plugins = () => this.get<G.PluginListItem[]>('/api/plugins', { embedded: 0 });
  pluginSettings = (id: string) =>
    this.named(
      () => this.get<G.Json>(`/api/plugins/${enc(id)}/settings`),
      'GRAFANA_ERR_PLUGIN_NOT_FOUND',
      `plugin ${JSON.stringify(id)}`,
    );

  // --- access control (Enterprise / Cloud) ---------------------------------------------------------------------
  private enterprise = <T>(path: string, what: string, query?: Query) =>
    this.named(() => this.get<T>(path, query), 'GRAFANA_ERR_NOT_FOUND', what);
  roles = () =>
    this.enterprise<G.Role[]>('/api/access-control/roles', 'the role-based access control API (Enterprise/Cloud)');
  role = (uid: string) =>
    this.enterprise<G.Role>(`/api/access-control/roles/${enc(uid)}`, `role ${JSON.stringify(uid)}`);
  roleAssignments = (uid: string) =>
    this.enterprise<G.Json>(`/api/access-control/roles/${enc(uid)}/assignments`, `role ${JSON.stringify(uid)}`);
  userRoles = (id: number) => this.enterprise<G.Role[]>(`/api/access-control/users/${id}/roles`, `user ${id}`);
  teamRoles = (id: number) => this.enterprise<G.Role[]>(`/api/access-control/teams/${id}/roles`, `team ${id}`);
  resourceDescription = (resource: string) =>
    this.enterprise<G.Json>(
      `/api/access-control/${enc(resource)}/description`,
      `resource type ${JSON.stringify(resource)}`,
    );
  resourcePermissions = (resource: string, id: string) =>
    this.enterprise<G.Json[]>(`/api/access-control/${enc(resource)}/${enc(id)}`, `${resource} ${JSON.stringify(id)}`);

  // --- unified alerting ----------------------------------------------------------------------------------------
  alertRules = () => this.get<G.AlertRule[]>('/api/v1/provisioning/alert-rules');
  alertRule = (uid: string) =>
    this.named(
      () => this.get<G.AlertRule>(`/api/v1/provisioning/alert-rules/${enc(uid)}`),
      'GRAFANA_ERR_ALERT_RULE_NOT_FOUND',
      `alert rule ${JSON.stringify(uid)}`,
    );
  ruleStates = () => this.get<G.RuleStates>('/api/prometheus/grafana/api/v1/rules');
  contactPoints = (name?: string) => this.get<G.ContactPoint[]>('/api/v1/provisioning/contact-points', { name });

  private async ruleWrite(method: 'POST' | 'PUT', path: string, body: G.Json): Promise<G.AlertRule> {
    try {
      // X-Disable-Provenance keeps the rule editable in the Grafana UI.
      const res = await this.http.request<G.AlertRule>({
        method,
        path,
        body,
        headers: { 'X-Disable-Provenance': 'true', ...(this.orgId ? { 'X-Grafana-Org-Id': String(this.orgId) } : {}) },
        signal: this.signal,
      });
      return res.body;
    } catch (err) {
      const status = backendStatus(err);
      if (status === 400)
        throw GrafanaErrors.create('GRAFANA_ERR_ALERT_RULE_INVALID', `Grafana: ${grafanaMessage(err)}`);
      if (status === 403)
        throw GrafanaErrors.create(
          'GRAFANA_ERR_PERMISSION_DENIED',
          `Grafana refused ${method} ${path}: ${grafanaMessage(err)}`,
        );
      if (status === 404)
        throw GrafanaErrors.create('GRAFANA_ERR_ALERT_RULE_NOT_FOUND', `alert rule not found: ${grafanaMessage(err)}`);
      throw err;
    }
  }
  createAlertRule = (body: G.Json) => this.ruleWrite('POST', '/api/v1/provisioning/alert-rules', body);
  updateAlertRule = (uid: string, body: G.Json) =>
    this.ruleWrite('PUT', `/api/v1/provisioning/alert-rules/${enc(uid)}`, body);
  async deleteAlertRule(uid: string): Promise<void> {
    await this.alertRule(uid); // Grafana answers 204 for unknown UIDs too; say so instead
    await this.call('DELETE', `/api/v1/provisioning/alert-rules/${enc(uid)}`);
  }
}
