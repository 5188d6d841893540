// List and patch semantics of the API server: label and field selectors, merge / strategic / JSON patch.

type Obj = Record<string, any>;

export class SelectorError extends Error {}

function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0,
    cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (cur.trim()) parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}

export type LabelPredicate = (labels: Record<string, string>) => boolean;

export function parseLabelSelector(text: string | null | undefined): LabelPredicate {
  if (!text) return () => true;
  const preds: LabelPredicate[] = splitTop(text).map((term) => {
    let m = term.match(/^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/);
    if (m) {
      const key = m[1],
        op = m[2],
        values = m[3].split(',').map((v) => v.trim());
      return op === 'in' ? (l) => key in l && values.includes(l[key]) : (l) => !(key in l) || !values.includes(l[key]);
    }
    m = term.match(/^!([\w./-]+)$/);
    if (m) {
      const key = m[1];
      return (l) => !(key in l);
    }
    m = term.match(/^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/);
    if (m) {
      const [, key, op, value] = m;
      return op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value;
    }
    m = term.match(/^([\w./-]+)$/);
    if (m) {
      const key = m[1];
      return (l) => key in l;
    }
    throw new SelectorError(`unable to parse requirement: found '${term}', expected: identifier`);
  });
  return (labels) => preds.every((p) => p(labels ?? {}));
}

export function getPath(obj: Obj, path: string): unknown {
  let cur: any = obj;
  for (const part of path.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    cur = cur[part];
  }
  return cur;
}

const FIELD_LABELS: Record<string, string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
    'spec.hostNetwork',
  ],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Node: ['spec.unschedulable'],
  Secret: ['type'],
  Namespace: ['status.phase'],
  Job: ['status.successful'],
  ReplicaSet: ['status.replicas'],
};

export type FieldPredicate = (obj: Obj) => boolean;

export function parseFieldSelector(text: string | null | undefined, kind: string): FieldPredicate {
  if (!text) return () => true;
  const allowed = new Set(['metadata.name', 'metadata.namespace', ...(FIELD_LABELS[kind] ?? [])]);
  const preds = splitTop(text).map((term): FieldPredicate => {
    const m = term.match(/^([\w.]+)\s*(==|=|!=)\s*(.*)$/);
    if (!m) throw new SelectorError(`invalid selector: '${term}'; can't understand '${term}'`);
    const [, field, op, value] = m;
    if (!allowed.has(field)) throw new SelectorError(`field label not supported: ${field}`);
    return (o) => {
      const raw = field === 'source' ? o.source?.component : getPath(o, field);
      const got = raw === undefined || raw === null ? '' : String(raw);
      return op === '!=' ? got !== value : got === value;
    };
  });
  return (o) => preds.every((p) => p(o));
}

/** RFC 7386 JSON merge patch; strategic=true also merges lists of named objects by name. */
export function mergePatch(target: unknown, patch: unknown, strategic = false): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    if (strategic && Array.isArray(patch) && Array.isArray(target) && patch.every(isNamed) && target.every(isNamed)) {
      const out = target.map((t) => ({ ...t }));
      for (const p of patch as Obj[]) {
        const i = out.findIndex((t) => t.name === p.name);
        if (p.$patch === 'delete') {
          if (i >= 0) out.splice(i, 1);
          continue;
        }
        if (i >= 0) out[i] = mergePatch(out[i], p, true) as Obj;
        else out.push(p);
      }
      return out;
    }
    return patch;
  }
  const base: Obj = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Obj) } : {};
  for (const [k, v] of Object.entries(patch as Obj)) {
    if (strategic && k.startsWith('$')) continue;
    if (v === null) delete base[k];
    else base[k] = mergePatch(base[k], v, strategic);
  }
  return base;
}

function isNamed(v: unknown): boolean {
  return !!v && typeof v === 'object' && typeof (v as Obj).name === 'string';
}

export class PatchError extends Error {
  constructor(
    message: string,
    readonly code: 400 | 422,
  ) {
    super(message);
  }
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer "${path}"`, 400);
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** RFC 6902 JSON patch. */
export function jsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops))
    throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch', 400);
  let root: any = structuredClone(doc);
  const parentOf = (parts: string[]): any => {
    let cur = root;
    for (const p of parts.slice(0, -1)) {
      if (cur === null || typeof cur !== 'object' || !(p in cur))
        throw new PatchError(`doc is missing path: "/${parts.join('/')}": missing value`, 422);
      cur = cur[p];
    }
    return cur;
  };
  const read = (path: string) => {
    let cur = root;
    for (const p of pointer(path)) {
      if (cur === null || typeof cur !== 'object' || !(p in cur))
        throw new PatchError(`doc is missing path: "${path}": missing value`, 422);
      cur = cur[p];
    }
    return cur;
  };
  for (const op of ops as Obj[]) {
    const parts = pointer(op.path ?? '');
    const last = parts[parts.length - 1];
    switch (op.op) {
      case 'add':
      case 'replace': {
        if (parts.length === 0) {
          root = structuredClone(op.value);
          break;
        }
        const parent = parentOf(parts);
        if (op.op === 'replace') read(op.path);
        if (Array.isArray(parent)) {
          const idx = last === '-' ? parent.length : Number(last);
          if (op.op === 'add') parent.splice(idx, 0, structuredClone(op.value));
          else parent[idx] = structuredClone(op.value);
        } else parent[last] = structuredClone(op.value);
        break;
      }
      case 'remove': {
        read(op.path);
        const parent = parentOf(parts);
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete parent[last];
        break;
      }
      case 'test': {
        if (JSON.stringify(read(op.path)) !== JSON.stringify(op.value))
          throw new PatchError(`testing value ${op.path} failed: test failed`, 422);
        break;
      }
      case 'copy':
      case 'move': {
        const value = structuredClone(read(op.from));
        if (op.op === 'move') jsonPatchInPlace(root, [{ op: 'remove', path: op.from }]);
        root = jsonPatch(root, [{ op: 'add', path: op.path, value }]);
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${String(op.op)}`, 400);
    }
  }
  return root;
}

function jsonPatchInPlace(root: any, ops: Obj[]): void {
  const out = jsonPatch(root, ops) as Obj;
  for (const k of Object.keys(root)) delete root[k];
  Object.assign(root, out);
}
