// Shapes of Kibana's REST API answers, as its OpenAPI document describes them (the fields this plugin reads).

export interface Reference {
  type: string;
  id: string;
  name: string;
}

export interface SavedObject<A = Record<string, unknown>> {
  id: string;
  type: string;
  attributes: A;
  references: Reference[];
  namespaces?: string[];
  version?: string;
  updated_at?: string;
  created_at?: string;
  managed?: boolean;
  error?: { statusCode: number; error: string; message: string };
}

export interface FindResult<A = Record<string, unknown>> {
  page: number;
  per_page: number;
  total: number;
  saved_objects: Array<SavedObject<A>>;
}

export interface ImportResult {
  success: boolean;
  successCount: number;
  successResults?: Array<{
    type: string;
    id: string;
    destinationId?: string;
    overwrite?: boolean;
    meta: { title?: string };
  }>;
  errors?: Array<{
    type: string;
    id: string;
    title?: string;
    meta?: { title?: string };
    error: { type: string; references?: Array<{ type: string; id: string }> };
  }>;
  warnings?: unknown[];
}

export interface DataViewListItem {
  id: string;
  title: string;
  name?: string;
  namespaces?: string[];
}

export interface DataViewField {
  name: string;
  type: string;
  esTypes?: string[];
  searchable?: boolean;
  aggregatable?: boolean;
}

export interface DataViewSpec {
  id: string;
  version?: string;
  title: string;
  name?: string;
  timeFieldName?: string;
  sourceFilters?: Array<{ value: string }>;
  fieldFormats?: Record<string, unknown>;
  runtimeFieldMap?: Record<string, unknown>;
  fieldAttrs?: Record<string, unknown>;
  allowNoIndex?: boolean;
  namespaces?: string[];
  fields?: Record<string, DataViewField>;
}

export interface Space {
  id: string;
  name: string;
  description?: string;
  color?: string;
  initials?: string;
  imageUrl?: string;
  disabledFeatures?: string[];
  _reserved?: boolean;
}

export interface Rule {
  id: string;
  name: string;
  tags: string[];
  enabled: boolean;
  consumer: string;
  rule_type_id: string;
  schedule: { interval: string };
  params: Record<string, unknown>;
  actions: Array<{ group?: string; id: string; params?: Record<string, unknown>; connector_type_id?: string }>;
  throttle?: string | null;
  notify_when?: string | null;
  mute_all: boolean;
  muted_alert_ids?: string[];
  created_at?: string;
  updated_at?: string;
  revision?: number;
  snooze_schedule?: Array<{ id: string; duration: number; rRule?: { dtstart?: string } }>;
  is_snoozed_until?: string;
  execution_status?: { status: string; last_execution_date?: string; error?: { reason: string; message: string } };
}

export interface RuleFindResult {
  page: number;
  per_page: number;
  total: number;
  data: Rule[];
}

export interface RuleType {
  id: string;
  name: string;
  producer: string;
  default_action_group_id?: string;
  action_groups?: Array<{ id: string; name: string }>;
  minimum_license_required?: string;
  enabled_in_license?: boolean;
}

export interface ExecutionLog {
  total: number;
  data: Array<{
    id: string;
    timestamp: string;
    duration_ms: number;
    status: string;
    message: string;
    num_active_alerts?: number;
    num_new_alerts?: number;
    num_recovered_alerts?: number;
    num_triggered_actions?: number;
    num_errored_actions?: number;
    timed_out?: boolean;
  }>;
}

export interface Connector {
  id: string;
  name: string;
  connector_type_id: string;
  config?: Record<string, unknown>;
  is_preconfigured: boolean;
  is_deprecated?: boolean;
  is_missing_secrets?: boolean;
  is_system_action?: boolean;
  referenced_by_count?: number;
}

export interface ConnectorType {
  id: string;
  name: string;
  enabled: boolean;
  enabled_in_config?: boolean;
  enabled_in_license?: boolean;
  minimum_license_required?: string;
  supported_feature_ids?: string[];
}

export interface StatusResponse {
  name: string;
  uuid?: string;
  version: {
    number: string;
    build_hash?: string;
    build_number?: number;
    build_snapshot?: boolean;
    build_flavor?: string;
  };
  status: {
    overall: { level: string; summary?: string };
    core?: Record<string, { level: string; summary?: string }>;
    plugins?: Record<string, { level: string; summary?: string }>;
  };
  metrics?: Record<string, unknown>;
}
