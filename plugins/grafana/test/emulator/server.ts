// The Grafana HTTP API emulator: a loopback server answering Grafana's paths, statuses and JSON bodies, with
// authentication and org roles checked on every route. Datasource queries and proxies reach the real Prometheus
// and Alertmanager the caller started (or a dead address when none is given).
import { startEmulator, type EmulatorHandler, type EmulatorReply, type EmulatorRequest } from '@cnmcp/core/testing';
import { alertingRoutes } from './alerting.js';
import { annotationRoutes } from './annotations.js';
import { accessDenied, authenticate, hasRole } from './auth.js';
import { dashboardRoutes } from './dashboards.js';
import { datasourceRoutes } from './datasources.js';
import { queryRoutes } from './dsquery.js';
import type { RouteTable } from './http.js';
import { identityRoutes } from './identity.js';
import { CREDENTIALS, createState, type GrafanaState, type StateOptions } from './state.js';

export type GrafanaEmulatorOptions = StateOptions;

export interface GrafanaEmulator {
  url: string;
  state: GrafanaState;
  credentials: typeof CREDENTIALS;
  /** Every request received, oldest first. */
  requests: EmulatorRequest[];
  close(): Promise<void>;
}

function guarded(state: GrafanaState, table: RouteTable): Record<string, EmulatorHandler> {
  const out: Record<string, EmulatorHandler> = {};
  for (const [key, r] of Object.entries(table)) {
    out[key] = async (req) => {
      if (r.need === 'public') return asReply(await r.handle({ state, req, who: anonymous }));
      const who = authenticate(req, state.users, state.tokens);
      if (!('orgId' in who)) return who;
      const allowed = r.need === 'serverAdmin' ? who.serverAdmin : hasRole(who, r.need);
      if (!allowed) return accessDenied(r.permission || 'unknown');
      return asReply(await r.handle({ state, req, who }));
    };
  }
  return out;
}

/** A handler returns a reply ({ status: number, body }) or a plain body; bodies such as {status: 'success'} stay bodies. */
function asReply(value: unknown): EmulatorReply {
  const isReply = !!value && typeof value === 'object' && typeof (value as { status?: unknown }).status === 'number';
  return isReply ? (value as EmulatorReply) : { status: 200, body: value };
}

const anonymous = { kind: 'user' as const, id: 0, login: '', orgId: 1, role: 'Viewer' as const, serverAdmin: false };

export async function startGrafanaEmulator(options: GrafanaEmulatorOptions = {}): Promise<GrafanaEmulator> {
  const state = createState(options);
  const tables = [identityRoutes, dashboardRoutes, annotationRoutes, datasourceRoutes, queryRoutes, alertingRoutes];
  const routes: Record<string, EmulatorHandler> = {};
  for (const table of tables) Object.assign(routes, guarded(state, table));
  // Grafana's answer for any path it does not serve.
  routes['* /*'] = () => ({ status: 404, body: { message: 'Not found' } });
  const emulator = await startEmulator(routes);
  return {
    url: emulator.url,
    state,
    credentials: CREDENTIALS,
    requests: emulator.requests,
    close: () => emulator.close(),
  };
}
