// What the agent sees: Secret masking, noise stripping, one-line summaries, tables, JSONPath, and the
// size budget (cut with a marker, totals and a cursor).
import type { Obj } from './client.js';
import { KubeErrors } from './errors.js';

export const REDACTED = '<redacted>';

export interface MaskOptions {
  showSecretValues: boolean;
}

function maskSecret(o: Obj, opts: MaskOptions): Obj {
  const saToken = o.type === 'kubernetes.io/service-account-token';
  const mask = (m: unknown, raw: boolean) => {
    if (!m || typeof m !== 'object') return m;
    const out: Obj = {};
    for (const [k, v] of Object.entries(m as Obj)) {
      if (opts.showSecretValues && !(saToken && k === 'token')) {
        out[k] = v;
        continue;
      }
      const bytes = typeof v === 'string' ? (raw ? Buffer.from(v, 'base64').length : Buffer.byteLength(v)) : 0;
      out[k] = `${REDACTED} (${bytes} bytes)`;
    }
    return out;
  };
  const copy: Obj = { ...o };
  if (copy.data) copy.data = mask(copy.data, true);
  if (copy.stringData) copy.stringData = mask(copy.stringData, false);
  const ann = copy.metadata?.annotations;
  if (ann && 'kubectl.kubernetes.io/last-applied-configuration' in ann) {
    copy.metadata = {
      ...copy.metadata,
      annotations: { ...ann, 'kubectl.kubernetes.io/last-applied-configuration': REDACTED },
    };
  }
  return copy;
}

const SECRET_ENV = /pass(word|wd)?|secret|token|api[-_]?key|credential|private[-_]?key/i;

/** Plain env values of variables named like secrets (DB_PASSWORD=…) in pod templates. */
function maskEnv(e: unknown): unknown {
  if (!e || typeof e !== 'object') return e;
  const v = e as Obj;
  if (typeof v.name === 'string' && typeof v.value === 'string' && SECRET_ENV.test(v.name))
    return { ...v, value: `${REDACTED} (${Buffer.byteLength(v.value)} bytes)` };
  return v;
}

/** Walks any value and masks every Secret object in it (also Secrets nested in lists and events). */
export function maskSecrets(value: unknown, opts: MaskOptions): unknown {
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, opts));
  if (!value || typeof value !== 'object') return value;
  let o = value as Obj;
  if (o.kind === 'Secret' && (o.data || o.stringData || o.metadata)) o = maskSecret(o, opts);
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === 'env' && Array.isArray(v) && !opts.showSecretValues) out[k] = v.map(maskEnv);
    else out[k] = o.kind === 'Secret' && (k === 'data' || k === 'stringData') ? v : maskSecrets(v, opts);
  }
  return out;
}

/** Removes fields agents never need (managedFields), like kubectl does by default. */
export function strip(o: Obj): Obj {
  if (!o?.metadata) return o;
  const { managedFields: _m, ...md } = o.metadata;
  return { ...o, metadata: md };
}

/** Final scrub of credential strings (tokens, passwords, keys of the kubeconfig) from any text. */
export function scrub(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s && out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

export function age(ts?: string): string {
  if (!ts) return '';
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172_800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

export function podStatus(p: Obj): { status: string; ready: string; restarts: number } {
  const cs: Obj[] = p.status?.containerStatuses ?? [];
  const total = p.spec?.containers?.length ?? cs.length;
  const ready = cs.filter((c) => c.ready).length;
  const restarts = cs.reduce((n, c) => n + (c.restartCount ?? 0), 0);
  let status = p.status?.reason ?? p.status?.phase ?? 'Unknown';
  for (const c of cs) {
    if (c.state?.waiting?.reason) {
      status = c.state.waiting.reason;
      break;
    }
    if (c.state?.terminated?.reason && p.status?.phase !== 'Succeeded') {
      status = c.state.terminated.reason;
    }
  }
  if (p.metadata?.deletionTimestamp) status = 'Terminating';
  if (status === 'Pending') {
    const sched = (p.status?.conditions ?? []).find((c: Obj) => c.type === 'PodScheduled' && c.status === 'False');
    if (sched?.reason) status = `Pending (${sched.reason})`;
  }
  return { status, ready: `${ready}/${total}`, restarts };
}

const cond = (o: Obj, type: string) => (o.status?.conditions ?? []).find((c: Obj) => c.type === type);

/** A compact, kind-aware summary of one object. */
export function summarize(o: Obj, includeLabels = false): Obj {
  const md = o.metadata ?? {};
  const base: Obj = {
    name: md.name,
    ...(md.namespace ? { namespace: md.namespace } : {}),
    kind: o.kind,
    age: age(md.creationTimestamp),
  };
  const st = o.status ?? {};
  const sp = o.spec ?? {};
  switch (o.kind) {
    case 'Pod': {
      const ps = podStatus(o);
      Object.assign(base, {
        status: ps.status,
        ready: ps.ready,
        restarts: ps.restarts,
        node: sp.nodeName,
        ip: st.podIP,
      });
      break;
    }
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
      Object.assign(base, {
        ready: `${st.readyReplicas ?? 0}/${sp.replicas ?? 0}`,
        upToDate: st.updatedReplicas ?? 0,
        available: st.availableReplicas ?? 0,
      });
      if (o.kind === 'Deployment' && cond(o, 'Available')?.status === 'False') base.status = 'Unavailable';
      break;
    case 'DaemonSet':
      Object.assign(base, {
        desired: st.desiredNumberScheduled ?? 0,
        ready: st.numberReady ?? 0,
        available: st.numberAvailable ?? 0,
      });
      break;
    case 'Job':
      Object.assign(base, {
        status:
          cond(o, 'Failed')?.status === 'True'
            ? 'Failed'
            : cond(o, 'Complete')?.status === 'True'
              ? 'Complete'
              : 'Running',
        succeeded: st.succeeded ?? 0,
        failed: st.failed ?? 0,
      });
      break;
    case 'CronJob':
      Object.assign(base, { schedule: sp.schedule, suspend: !!sp.suspend, lastSchedule: age(st.lastScheduleTime) });
      break;
    case 'Service':
      Object.assign(base, {
        type: sp.type,
        clusterIP: sp.clusterIP,
        ports: (sp.ports ?? []).map((p: Obj) => `${p.port}/${p.protocol ?? 'TCP'}`).join(','),
      });
      break;
    case 'Node': {
      const ready = cond(o, 'Ready');
      const roles = Object.keys(md.labels ?? {})
        .filter((l) => l.startsWith('node-role.kubernetes.io/'))
        .map((l) => l.split('/')[1]);
      Object.assign(base, {
        status: (ready?.status === 'True' ? 'Ready' : 'NotReady') + (sp.unschedulable ? ',SchedulingDisabled' : ''),
        roles: roles.join(',') || '<none>',
        version: st.nodeInfo?.kubeletVersion,
      });
      break;
    }
    case 'Event':
      return {
        namespace: md.namespace,
        type: o.type,
        reason: o.reason,
        object: `${o.involvedObject?.kind}/${o.involvedObject?.name}`,
        message: String(o.message ?? '').slice(0, 300),
        count: o.count ?? 1,
        last: age(o.lastTimestamp ?? o.eventTime ?? md.creationTimestamp),
      };
    case 'Secret':
      Object.assign(base, { type: o.type, keys: Object.keys({ ...(o.data ?? {}), ...(o.stringData ?? {}) }).length });
      break;
    case 'ConfigMap':
      Object.assign(base, { keys: Object.keys({ ...(o.data ?? {}), ...(o.binaryData ?? {}) }).length });
      break;
    case 'Namespace':
    case 'PersistentVolumeClaim':
    case 'PersistentVolume':
      Object.assign(base, { status: st.phase });
      break;
    case 'Ingress':
      Object.assign(base, {
        hosts: (sp.rules ?? [])
          .map((r: Obj) => r.host)
          .filter(Boolean)
          .join(','),
        address: (st.loadBalancer?.ingress ?? []).map((i: Obj) => i.ip ?? i.hostname).join(','),
      });
      break;
    case 'PodDisruptionBudget':
      Object.assign(base, {
        minAvailable: sp.minAvailable,
        maxUnavailable: sp.maxUnavailable,
        allowedDisruptions: st.disruptionsAllowed,
      });
      break;
    default: {
      const ready = cond(o, 'Ready');
      if (ready) base.ready = ready.status;
      if (typeof st.phase === 'string') base.status = st.phase;
    }
  }
  if (includeLabels && md.labels) base.labels = md.labels;
  for (const k of Object.keys(base)) if (base[k] === undefined) delete base[k];
  return base;
}

/** Renders summaries as an aligned text table (kubectl get style). */
export function table(rows: Obj[]): string {
  if (!rows.length) return '';
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => c !== 'kind' && c !== 'labels');
  const cell = (v: unknown) =>
    (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)).replace(/\s+/g, ' ');
  const widths = cols.map((c) => Math.min(60, Math.max(c.length, ...rows.map((r) => cell(r[c]).length))));
  const line = (vals: string[]) =>
    vals
      .map((v, i) => (v.length > widths[i] ? v.slice(0, widths[i] - 1) + '…' : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(cols.map((c) => c.toUpperCase())), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join('\n');
}

// ---------------------------------------------------------------------------------------------------
// JSONPath: {.a.b}, a.b, [0], [*], ['dotted.key']

export function jsonPath(obj: unknown, expr: string): unknown {
  let e = expr.trim();
  if (e.startsWith('{') && e.endsWith('}')) e = e.slice(1, -1).trim();
  if (e.startsWith('$')) e = e.slice(1);
  if (e.startsWith('.') && !e.startsWith('..')) e = e.slice(1);
  if (!e) return obj;
  const RECURSE = Symbol('..');
  const tokens: Array<string | number | '*' | typeof RECURSE> = [];
  const re = /(\.\.)|([^.[\]]+)|\[(\d+|\*|'[^']*'|"[^"]*")\]/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(e))) {
    if (m[1] !== undefined) {
      tokens.push(RECURSE);
      continue;
    } // its dots are counted below
    if (m[2] !== undefined) tokens.push(m[2]);
    else {
      const t = m[3];
      tokens.push(t === '*' ? '*' : /^\d+$/.test(t) ? Number(t) : t.slice(1, -1));
    }
    consumed += m[0].length;
  }
  if (tokens.at(-1) === RECURSE)
    throw KubeErrors.create(
      'KUBERNETES_ERR_BAD_INPUT',
      `jsonpath "${expr}" ends in ..; name a field after it, e.g. {..image}`,
    );
  if (consumed + (e.match(/\./g)?.length ?? 0) < e.length)
    throw KubeErrors.create(
      'KUBERNETES_ERR_BAD_INPUT',
      `jsonpath "${expr}" is not understood; use forms like {.status.phase}, .spec.containers[0].image or .items[*].metadata.name`,
    );
  let cur: unknown[] = [obj];
  let multi = false;
  let descendants = false;
  for (const t of tokens) {
    if (t === RECURSE) {
      // {..name}: the field in the node itself and in every object below it, in document order
      const all: unknown[] = [];
      const walk = (x: unknown) => {
        if (x && typeof x === 'object') {
          all.push(x);
          for (const v of Object.values(x as Obj)) walk(v);
        }
      };
      for (const c of cur) walk(c);
      cur = all;
      multi = true;
      descendants = true;
      continue;
    }
    const next: unknown[] = [];
    for (const c of cur) {
      if (c === null || c === undefined) continue;
      if (descendants && Array.isArray(c) && typeof t === 'string' && t !== '*') continue; // its elements are visited themselves
      if (t === '*') {
        multi = true;
        if (Array.isArray(c)) next.push(...c);
        else if (typeof c === 'object') next.push(...Object.values(c as Obj));
      } else if (typeof t === 'number') {
        if (Array.isArray(c)) next.push(c[t]);
      } else if (Array.isArray(c)) {
        multi = true;
        for (const x of c) if (x && typeof x === 'object') next.push((x as Obj)[t]);
      } else if (typeof c === 'object') next.push((c as Obj)[t]);
    }
    cur = next.filter((x) => x !== undefined);
    descendants = false;
  }
  return multi ? cur : cur[0];
}

// ---------------------------------------------------------------------------------------------------
// Pagination cursors: the API's continue token of the page fetched, plus an offset inside it, so that a
// reply cut by the size budget can resume at the first item not shown.

export interface Cursor {
  t?: string;
  o?: number;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(token?: string): Cursor {
  if (!token) return {};
  try {
    const c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (c && typeof c === 'object' && ('t' in c || 'o' in c)) return { t: c.t || undefined, o: Number(c.o) || 0 };
  } catch {
    /* a raw API continue token */
  }
  return { t: token, o: 0 };
}

export function bytes(v: unknown): number {
  return Buffer.byteLength(typeof v === 'string' ? v : JSON.stringify(v));
}

/** How many of `items` fit in `budget` bytes when rendered by `render` (binary search; at least 1 when any). */
export function fitCount<T>(items: T[], budget: number, render: (shown: T[]) => unknown): number {
  if (bytes(render(items)) <= budget) return items.length;
  let lo = 0,
    hi = items.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (bytes(render(items.slice(0, mid))) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(lo, Math.min(1, items.length));
}

/** Cuts a long text to the budget, keeping the head (or the tail) and saying so. */
export function capString(
  text: string,
  budget: number,
  keep: 'head' | 'tail' = 'head',
): { text: string; truncated: boolean; totalBytes: number } {
  const total = Buffer.byteLength(text);
  if (total <= budget) return { text, truncated: false, totalBytes: total };
  const buf = Buffer.from(text);
  const cut =
    keep === 'head' ? buf.subarray(0, budget).toString('utf8') : buf.subarray(total - budget).toString('utf8');
  return { text: cut.replace(/\uFFFD/g, ''), truncated: true, totalBytes: total };
}
