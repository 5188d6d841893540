// Reads shared by the tools and the prometheus:// resources: the summaries an agent reads first.
import type { PrometheusApi } from './client.js';
import {
  capList,
  listResult,
  summarizeAlerts,
  summarizeRules,
  summarizeTargets,
  type PromAlert,
  type PromRuleGroup,
  type PromTarget,
} from './format.js';

type TargetsData = { activeTargets?: PromTarget[]; droppedTargets?: unknown[] };

export async function readTargets(api: PrometheusApi, state: string, signal?: AbortSignal): Promise<TargetsData> {
  return (await api.get<TargetsData>('/api/v1/targets', { state }, signal)).data;
}

export async function targetsSummary(api: PrometheusApi, state: string, max: number, signal?: AbortSignal) {
  const data = await readTargets(api, state, signal);
  return summarizeTargets(data.activeTargets ?? [], data.droppedTargets ?? [], max);
}

export async function readRules(api: PrometheusApi, type: string | undefined, signal?: AbortSignal) {
  return (await api.get<{ groups: PromRuleGroup[] }>('/api/v1/rules', { type }, signal)).data;
}

export async function rulesSummary(api: PrometheusApi, type: string | undefined, max: number, signal?: AbortSignal) {
  return summarizeRules((await readRules(api, type, signal)).groups ?? [], max);
}

export async function readAlerts(api: PrometheusApi, signal?: AbortSignal): Promise<PromAlert[]> {
  return (await api.get<{ alerts: PromAlert[] }>('/api/v1/alerts', undefined, signal)).data.alerts ?? [];
}

export async function alertsSummary(api: PrometheusApi, max: number, signal?: AbortSignal) {
  return summarizeAlerts(await readAlerts(api, signal), max);
}

/** Label names of the head block, capped, with the total. */
export async function labelNames(api: PrometheusApi, max: number, signal?: AbortSignal) {
  const { data } = await api.query<string[]>('/api/v1/labels', {}, signal);
  return listResult('labels', capList(data, max, 'label names'));
}
