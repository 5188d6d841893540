// The Kibana REST client: space routing (`/s/{space}/api/...`), `kbn-xsrf` on every write, NDJSON export and
// multipart import, over the core's HTTP client for one target (auth, TLS, timeouts, retries, errors).
import { statusError, type HttpClient, type HttpRequest } from '@cnmcp/core';
import type {
  Connector,
  ConnectorType,
  DataViewListItem,
  DataViewSpec,
  ExecutionLog,
  FindResult,
  ImportResult,
  Reference,
  Rule,
  RuleFindResult,
  RuleType,
  SavedObject,
  Space,
  StatusResponse,
} from './types.js';

export type KibanaTransport = Pick<HttpClient, 'request'> &
  Partial<Pick<HttpClient, 'pluginId' | 'targetName' | 'baseUrl'>>;

/** Kibana's client errors, read here so the error carries Kibana's `message` (its `error` is only the reason phrase). */
const KIBANA_ERROR_STATUSES = [400, 401, 403, 404, 409, 412, 415, 422];

function kibanaMessage(body: unknown): string {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body) as unknown;
    } catch {
      return body.slice(0, 300);
    }
  }
  const b = (value ?? {}) as { message?: unknown; error?: unknown };
  return typeof b.message === 'string' ? b.message : typeof b.error === 'string' ? b.error : '';
}

export interface FindParams {
  type: string | string[];
  search?: string;
  search_fields?: string[];
  page?: number;
  per_page?: number;
  sort_field?: string;
  sort_order?: 'asc' | 'desc';
  has_reference?: { type: string; id: string } | Array<{ type: string; id: string }>;
  fields?: string[];
}

export interface RuleFindParams {
  page?: number;
  per_page?: number;
  search?: string;
  filter?: string;
  sort_field?: string;
  sort_order?: 'asc' | 'desc';
}

const seg = encodeURIComponent;

export class KibanaClient {
  constructor(
    private readonly http: KibanaTransport,
    /** The space requests go to; `default` (or empty) uses the unprefixed paths. */
    readonly space = 'default',
    private readonly signal?: AbortSignal,
  ) {}

  /** The same client bound to another space (undefined keeps this one). */
  inSpace(space: string | undefined): KibanaClient {
    return space && space !== this.space ? new KibanaClient(this.http, space, this.signal) : this;
  }

  private path(path: string): string {
    return this.space && this.space !== 'default' ? `/s/${seg(this.space)}${path}` : path;
  }

  async call<T>(
    method: NonNullable<HttpRequest['method']>,
    path: string,
    options: Partial<HttpRequest> = {},
  ): Promise<T> {
    const headers = method === 'GET' ? options.headers : { 'kbn-xsrf': 'true', ...(options.headers ?? {}) };
    const res = await this.http.request<T>({
      ...options,
      method,
      path: this.path(path),
      headers,
      signal: this.signal,
      acceptStatus: KIBANA_ERROR_STATUSES,
    });
    if (res.status >= 400) {
      const label = `${this.http.pluginId ?? 'kibana'} target '${this.http.targetName ?? 'default'}' (${this.http.baseUrl ?? ''})`;
      throw statusError(label, res.status, kibanaMessage(res.body));
    }
    return res.body;
  }

  // -- status -------------------------------------------------------------------------------------
  status(): Promise<StatusResponse> {
    return this.call('GET', '/api/status');
  }

  // -- saved objects ------------------------------------------------------------------------------
  find<A = Record<string, unknown>>(params: FindParams): Promise<FindResult<A>> {
    const query: HttpRequest['query'] = {
      type: Array.isArray(params.type) ? params.type : [params.type],
      search: params.search,
      search_fields: params.search_fields,
      page: params.page,
      per_page: params.per_page,
      sort_field: params.sort_field,
      sort_order: params.sort_order,
      has_reference: params.has_reference ? JSON.stringify(params.has_reference) : undefined,
      fields: params.fields,
    };
    return this.call('GET', '/api/saved_objects/_find', { query });
  }

  get<A = Record<string, unknown>>(type: string, id: string): Promise<SavedObject<A>> {
    return this.call('GET', `/api/saved_objects/${seg(type)}/${seg(id)}`);
  }

  bulkGet(objects: Array<{ type: string; id: string }>): Promise<{ saved_objects: SavedObject[] }> {
    return this.call('POST', '/api/saved_objects/_bulk_get', { body: objects });
  }

  create<A = Record<string, unknown>>(
    type: string,
    attributes: A,
    options: { id?: string; overwrite?: boolean; references?: Reference[] } = {},
  ): Promise<SavedObject<A>> {
    const path = options.id ? `/api/saved_objects/${seg(type)}/${seg(options.id)}` : `/api/saved_objects/${seg(type)}`;
    return this.call('POST', path, {
      body: { attributes, ...(options.references ? { references: options.references } : {}) },
      query: options.overwrite ? { overwrite: true } : undefined,
    });
  }

  update<A = Record<string, unknown>>(
    type: string,
    id: string,
    change: { attributes?: Partial<A>; references?: Reference[]; version?: string },
  ): Promise<SavedObject<A>> {
    return this.call('PUT', `/api/saved_objects/${seg(type)}/${seg(id)}`, {
      body: { ...change, attributes: change.attributes ?? {} },
    });
  }

  delete(type: string, id: string, force = false): Promise<unknown> {
    return this.call('DELETE', `/api/saved_objects/${seg(type)}/${seg(id)}`, {
      query: force ? { force: true } : undefined,
    });
  }

  bulkDelete(
    objects: Array<{ type: string; id: string }>,
    force = false,
  ): Promise<{
    statuses: Array<{ id: string; type: string; success: boolean; error?: { statusCode: number; message: string } }>;
  }> {
    return this.call('POST', '/api/saved_objects/_bulk_delete', {
      body: objects,
      query: force ? { force: true } : undefined,
    });
  }

  /** The export as NDJSON text (objects, then the export details line). */
  exportNdjson(body: {
    objects?: Array<{ type: string; id: string }>;
    type?: string[];
    includeReferencesDeep?: boolean;
  }): Promise<string> {
    return this.call('POST', '/api/saved_objects/_export', { body, responseType: 'text' });
  }

  /** Uploads NDJSON as the multipart `file` field, as Kibana requires. */
  async importNdjson(
    ndjson: string,
    options: { overwrite?: boolean; createNewCopies?: boolean } = {},
  ): Promise<ImportResult> {
    const form = new FormData();
    form.append('file', new Blob([ndjson], { type: 'application/ndjson' }), 'import.ndjson');
    const encoded = new Response(form);
    const body = Buffer.from(await encoded.arrayBuffer());
    const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data';
    return this.call('POST', '/api/saved_objects/_import', {
      body,
      headers: { 'content-type': contentType },
      query: { overwrite: options.overwrite || undefined, createNewCopies: options.createNewCopies || undefined },
      idempotent: false,
    });
  }

  // -- data views ---------------------------------------------------------------------------------
  async dataViews(): Promise<DataViewListItem[]> {
    return (await this.call<{ data_view: DataViewListItem[] }>('GET', '/api/data_views')).data_view;
  }

  async dataView(id: string): Promise<DataViewSpec> {
    return (await this.call<{ data_view: DataViewSpec }>('GET', `/api/data_views/data_view/${seg(id)}`)).data_view;
  }

  async createDataView(spec: Partial<DataViewSpec>, override = false): Promise<DataViewSpec> {
    return (
      await this.call<{ data_view: DataViewSpec }>('POST', '/api/data_views/data_view', {
        body: { data_view: spec, override },
      })
    ).data_view;
  }

  async updateDataView(id: string, spec: Partial<DataViewSpec>, refreshFields = false): Promise<DataViewSpec> {
    const body = { data_view: spec, ...(refreshFields ? { refresh_fields: true } : {}) };
    return (await this.call<{ data_view: DataViewSpec }>('POST', `/api/data_views/data_view/${seg(id)}`, { body }))
      .data_view;
  }

  deleteDataView(id: string): Promise<unknown> {
    return this.call('DELETE', `/api/data_views/data_view/${seg(id)}`, { responseType: 'text' });
  }

  async defaultDataView(): Promise<string> {
    return (await this.call<{ data_view_id?: string }>('GET', '/api/data_views/default')).data_view_id ?? '';
  }

  setDefaultDataView(id: string, force = true): Promise<{ acknowledged: boolean }> {
    return this.call('POST', '/api/data_views/default', { body: { data_view_id: id, force } });
  }

  // -- spaces -------------------------------------------------------------------------------------
  spaces(): Promise<Space[]> {
    return this.call('GET', '/api/spaces/space');
  }
  getSpace(id: string): Promise<Space> {
    return this.call('GET', `/api/spaces/space/${seg(id)}`);
  }
  createSpace(space: Space): Promise<Space> {
    return this.call('POST', '/api/spaces/space', { body: space });
  }
  updateSpace(space: Space): Promise<Space> {
    return this.call('PUT', `/api/spaces/space/${seg(space.id)}`, { body: space });
  }
  deleteSpace(id: string): Promise<unknown> {
    return this.call('DELETE', `/api/spaces/space/${seg(id)}`, { responseType: 'text' });
  }

  // -- alerting rules -----------------------------------------------------------------------------
  findRules(params: RuleFindParams): Promise<RuleFindResult> {
    return this.call('GET', '/api/alerting/rules/_find', { query: { ...params } });
  }
  rule(id: string): Promise<Rule> {
    return this.call('GET', `/api/alerting/rule/${seg(id)}`);
  }
  ruleTypes(): Promise<RuleType[]> {
    return this.call('GET', '/api/alerting/rule_types');
  }
  createRule(body: Record<string, unknown>): Promise<Rule> {
    return this.call('POST', '/api/alerting/rule', { body });
  }
  updateRule(id: string, body: Record<string, unknown>): Promise<Rule> {
    return this.call('PUT', `/api/alerting/rule/${seg(id)}`, { body });
  }
  deleteRule(id: string): Promise<unknown> {
    return this.call('DELETE', `/api/alerting/rule/${seg(id)}`, { responseType: 'text' });
  }
  /** `_enable`, `_disable`, `_mute_all`, `_unmute_all`: 204 on success. */
  ruleAction(id: string, action: '_enable' | '_disable' | '_mute_all' | '_unmute_all'): Promise<unknown> {
    return this.call('POST', `/api/alerting/rule/${seg(id)}/${action}`, { responseType: 'text' });
  }
  /** Snoozes a rule's notifications for `duration` (`30m`, `2h`, `1d`) from `start` (Kibana 8.19+). */
  snoozeRule(id: string, duration: string, start: string): Promise<{ body?: { schedule?: { id: string } } }> {
    return this.call('POST', `/api/alerting/rule/${seg(id)}/snooze_schedule`, {
      body: { schedule: { custom: { duration, start } } },
      idempotent: false,
    });
  }
  deleteSnooze(id: string, scheduleId: string): Promise<unknown> {
    return this.call('DELETE', `/api/alerting/rule/${seg(id)}/snooze_schedule/${seg(scheduleId)}`, {
      responseType: 'text',
    });
  }
  /** The execution log Kibana's rule page reads (an internal route; needs the internal-origin header). */
  ruleExecutionLog(id: string, query: { date_start: string; page: number; per_page: number }): Promise<ExecutionLog> {
    return this.call('GET', `/internal/alerting/rule/${seg(id)}/_execution_log`, {
      query: { ...query, sort: JSON.stringify([{ timestamp: { order: 'desc' } }]) },
      headers: { 'x-elastic-internal-origin': 'kibana' },
    });
  }

  // -- connectors ---------------------------------------------------------------------------------
  connectors(): Promise<Connector[]> {
    return this.call('GET', '/api/actions/connectors');
  }
  connector(id: string): Promise<Connector> {
    return this.call('GET', `/api/actions/connector/${seg(id)}`);
  }
  connectorTypes(): Promise<ConnectorType[]> {
    return this.call('GET', '/api/actions/connector_types');
  }
  createConnector(body: Record<string, unknown>): Promise<Connector> {
    return this.call('POST', '/api/actions/connector', { body });
  }
  updateConnector(id: string, body: Record<string, unknown>): Promise<Connector> {
    return this.call('PUT', `/api/actions/connector/${seg(id)}`, { body });
  }
  deleteConnector(id: string): Promise<unknown> {
    return this.call('DELETE', `/api/actions/connector/${seg(id)}`, { responseType: 'text' });
  }
  executeConnector(id: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.call('POST', `/api/actions/connector/${seg(id)}/_execute`, { body: { params }, idempotent: false });
  }
}
