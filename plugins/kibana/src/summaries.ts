// Compact views of saved objects for an agent: identity and the few attributes that matter, JSON-string
// attributes (panelsJSON, visState) decoded, never the raw object unless asked for.
import type { Reference, SavedObject } from './types.js';

/** Parses a JSON-string attribute; returns the fallback when it is absent or malformed. */
export function parseJsonAttribute<T>(value: unknown, fallback: T): T {
  if (typeof value !== 'string') return (value as T) ?? fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

export function savedObjectSummary(obj: SavedObject): Record<string, unknown> {
  const a = obj.attributes;
  return {
    id: obj.id,
    type: obj.type,
    title: text(a.title) ?? text(a.name) ?? obj.id,
    ...(text(a.description) ? { description: text(a.description) } : {}),
    ...(obj.updated_at ? { updated_at: obj.updated_at } : {}),
    ...(obj.namespaces ? { namespaces: obj.namespaces } : {}),
    references: obj.references?.length ?? 0,
  };
}

export function dashboardSummary(obj: SavedObject, includeDescription = true): Record<string, unknown> {
  const a = obj.attributes;
  return {
    id: obj.id,
    title: text(a.title) ?? obj.id,
    ...(includeDescription && text(a.description) ? { description: text(a.description) } : {}),
    panels: parseJsonAttribute<unknown[]>(a.panelsJSON, []).length,
    ...(a.timeRestore ? { time: { from: a.timeFrom, to: a.timeTo } } : {}),
    ...(obj.updated_at ? { updated_at: obj.updated_at } : {}),
  };
}

export function visualizationType(obj: SavedObject): string | undefined {
  return text(parseJsonAttribute<{ type?: string }>(obj.attributes.visState, {}).type);
}

export function visualizationSummary(obj: SavedObject): Record<string, unknown> {
  return {
    id: obj.id,
    title: text(obj.attributes.title) ?? obj.id,
    vis_type: visualizationType(obj) ?? 'unknown',
    ...(text(obj.attributes.description) ? { description: text(obj.attributes.description) } : {}),
    ...(obj.updated_at ? { updated_at: obj.updated_at } : {}),
  };
}

interface Panel {
  panelIndex?: string;
  type?: string;
  title?: string;
  panelRefName?: string;
  gridData?: Record<string, unknown>;
  embeddableConfig?: Record<string, unknown>;
}

/** A dashboard's panels with their references resolved to the saved objects they show. */
export function dashboardPanels(obj: SavedObject): Array<Record<string, unknown>> {
  const refs = new Map<string, Reference>((obj.references ?? []).map((r) => [r.name, r]));
  return parseJsonAttribute<Panel[]>(obj.attributes.panelsJSON, []).map((p, i) => {
    const ref = p.panelRefName ? refs.get(p.panelRefName) : undefined;
    const title = p.title ?? text(p.embeddableConfig?.title);
    return {
      panel: p.panelIndex ?? String(i + 1),
      ...(p.type || ref ? { type: p.type ?? ref?.type } : {}),
      ...(title ? { title } : {}),
      ...(ref ? { object: { type: ref.type, id: ref.id } } : {}),
      ...(p.gridData ? { grid: p.gridData } : {}),
    };
  });
}

export function ruleSummary(rule: {
  id: string;
  name: string;
  rule_type_id: string;
  enabled: boolean;
  mute_all: boolean;
  tags: string[];
  schedule: { interval: string };
  execution_status?: { status: string; last_execution_date?: string };
}): Record<string, unknown> {
  return {
    id: rule.id,
    name: rule.name,
    rule_type_id: rule.rule_type_id,
    enabled: rule.enabled,
    muted: rule.mute_all,
    interval: rule.schedule?.interval,
    tags: rule.tags,
    status: rule.execution_status?.status,
    last_run: rule.execution_status?.last_execution_date,
  };
}
