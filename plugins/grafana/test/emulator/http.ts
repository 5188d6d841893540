// Reply helpers and the route type the emulator's modules share.
import type { EmulatorReply, EmulatorRequest } from '@cnmcp/core/testing';
import type { Identity, Requirement } from './auth.js';
import type { GrafanaState } from './state.js';

export interface RouteContext {
  state: GrafanaState;
  who: Identity;
  req: EmulatorRequest;
}

export interface Route {
  /** Who may call it: 'public', a minimum org role, or 'serverAdmin'. */
  need: Requirement;
  /** The RBAC action named in the 403 body when the caller lacks `need`. */
  permission: string;
  handle: (ctx: RouteContext) => EmulatorReply | unknown | Promise<EmulatorReply | unknown>;
}

export type RouteTable = Record<string, Route>;

export const route = (need: Requirement, permission: string, handle: Route['handle']): Route => ({
  need,
  permission,
  handle,
});

export function message(status: number, text: string, extra: Record<string, unknown> = {}): EmulatorReply {
  return { status, body: { message: text, ...extra } };
}

export const notFound = (text: string, extra: Record<string, unknown> = {}) => message(404, text, extra);
export const badRequest = (text: string, extra: Record<string, unknown> = {}) => message(400, text, extra);

export function jsonBody(req: EmulatorRequest): Record<string, unknown> | undefined {
  return req.json && typeof req.json === 'object' && !Array.isArray(req.json)
    ? (req.json as Record<string, unknown>)
    : undefined;
}

/** Grafana's `limit`/`perpage` + `page` paging over an already filtered list. */
export function paginate<T>(items: T[], limit: number, page: number): T[] {
  const size = Number.isFinite(limit) && limit > 0 ? limit : items.length;
  const p = Number.isFinite(page) && page > 0 ? page : 1;
  return items.slice((p - 1) * size, p * size);
}

export function intParam(req: EmulatorRequest, name: string, fallback: number): number {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  return Number.isFinite(n) ? n : fallback;
}

export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function newUid(): string {
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let out = '';
  for (let i = 0; i < 14; i++) out += chars[Math.floor(Math.random() * chars.length)];
  return out;
}

/** Grafana reads from/to as epoch ms, or relative to now (`now`, `now-1h`). */
export function parseGrafanaTime(value: string | null | undefined, fallback: number): number {
  if (value === null || value === undefined || value === '') return fallback;
  if (/^\d+$/.test(value)) return Number(value);
  const rel = /^now(?:-(\d+)([smhdw]))?$/.exec(value);
  if (rel) {
    if (!rel[1]) return Date.now();
    const unit = { s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 }[rel[2] as 's'];
    return Date.now() - Number(rel[1]) * unit;
  }
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? fallback : parsed;
}
