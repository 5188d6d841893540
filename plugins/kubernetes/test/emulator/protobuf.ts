// Kubernetes protobuf request bodies (Content-Type: application/vnd.kubernetes.protobuf), as Helm sends
// its release Secrets: the envelope `k8s\0` + runtime.Unknown{typeMeta{apiVersion=1,kind=2}=1, raw=2}.
// Secret and ConfigMap (with the ObjectMeta fields Helm uses) are decoded; anything else is refused.
type Obj = Record<string, any>;

interface Field {
  no: number;
  wire: number;
  value: bigint | Buffer;
}

function fields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let i = 0;
  const varint = (): bigint => {
    let result = 0n,
      shift = 0n;
    for (;;) {
      if (i >= buf.length) throw new Error('truncated varint');
      const b = buf[i++];
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      shift += 7n;
    }
  };
  while (i < buf.length) {
    const key = Number(varint());
    const no = key >> 3,
      wire = key & 7;
    if (wire === 0) out.push({ no, wire, value: varint() });
    else if (wire === 1) {
      out.push({ no, wire, value: buf.subarray(i, i + 8) });
      i += 8;
    } else if (wire === 2) {
      const len = Number(varint());
      out.push({ no, wire, value: buf.subarray(i, i + len) });
      i += len;
    } else if (wire === 5) {
      out.push({ no, wire, value: buf.subarray(i, i + 4) });
      i += 4;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

const str = (f: Field) => (f.value as Buffer).toString('utf8');

function mapEntries(fs: Field[], no: number, asBase64: boolean): Obj | undefined {
  const entries = fs.filter((f) => f.no === no);
  if (!entries.length) return undefined;
  const out: Obj = {};
  for (const e of entries) {
    const kv = fields(e.value as Buffer);
    const k = kv.find((x) => x.no === 1),
      v = kv.find((x) => x.no === 2);
    out[k ? str(k) : ''] = v ? (asBase64 ? (v.value as Buffer).toString('base64') : str(v)) : '';
  }
  return out;
}

function objectMeta(buf: Buffer): Obj {
  const fs = fields(buf);
  const s = (no: number) => {
    const f = fs.find((x) => x.no === no);
    return f ? str(f) : undefined;
  };
  const md: Obj = {
    name: s(1),
    generateName: s(2),
    namespace: s(3),
    uid: s(5),
    resourceVersion: s(6),
    labels: mapEntries(fs, 11, false),
    annotations: mapEntries(fs, 12, false),
  };
  for (const k of Object.keys(md)) if (md[k] === undefined || md[k] === '') delete md[k];
  return md;
}

export function decodeKubeProtobuf(body: Buffer): Obj {
  if (body.subarray(0, 4).toString('latin1') !== 'k8s\0') throw new Error('missing the k8s\\0 protobuf envelope');
  const unknown = fields(body.subarray(4));
  const tm = unknown.find((f) => f.no === 1);
  const raw = unknown.find((f) => f.no === 2);
  if (!tm || !raw) throw new Error('runtime.Unknown without typeMeta or raw');
  const t = fields(tm.value as Buffer);
  const apiVersion = t.find((f) => f.no === 1) ? str(t.find((f) => f.no === 1)!) : '';
  const kind = t.find((f) => f.no === 2) ? str(t.find((f) => f.no === 2)!) : '';
  const fs = fields(raw.value as Buffer);
  const meta = fs.find((f) => f.no === 1);
  const obj: Obj = { apiVersion, kind, metadata: meta ? objectMeta(meta.value as Buffer) : {} };
  if (kind === 'Secret') {
    const data = mapEntries(fs, 2, true);
    if (data) obj.data = data;
    const type = fs.find((f) => f.no === 3);
    if (type) obj.type = str(type);
    const sd = mapEntries(fs, 4, false);
    if (sd) obj.stringData = sd;
    const imm = fs.find((f) => f.no === 5);
    if (imm) obj.immutable = imm.value === 1n;
  } else if (kind === 'ConfigMap') {
    const data = mapEntries(fs, 2, false);
    if (data) obj.data = data;
    const bin = mapEntries(fs, 3, true);
    if (bin) obj.binaryData = bin;
    const imm = fs.find((f) => f.no === 4);
    if (imm) obj.immutable = imm.value === 1n;
  } else {
    throw new Error(`protobuf bodies are decoded for Secret and ConfigMap only, not ${kind || 'this object'}`);
  }
  return obj;
}

// ---------------------------------------------------------------------------------------------------
// An encoder for the same subset, so tests can send what Helm sends.

function varintBytes(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  do {
    let b = v & 0x7f;
    v = Math.floor(v / 128);
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return Buffer.from(out);
}
const lenField = (no: number, data: Buffer) =>
  Buffer.concat([varintBytes((no << 3) | 2), varintBytes(data.length), data]);
const strField = (no: number, s: string) => lenField(no, Buffer.from(s));
const mapField = (no: number, m: Record<string, string | Buffer>) =>
  Buffer.concat(
    Object.entries(m).map(([k, v]) =>
      lenField(no, Buffer.concat([strField(1, k), lenField(2, Buffer.isBuffer(v) ? v : Buffer.from(v))])),
    ),
  );

export function encodeKubeProtobuf(obj: {
  apiVersion: string;
  kind: 'Secret' | 'ConfigMap';
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  type?: string;
}): Buffer {
  const md = Buffer.concat([
    strField(1, obj.metadata.name),
    ...(obj.metadata.namespace ? [strField(3, obj.metadata.namespace)] : []),
    ...(obj.metadata.labels ? [mapField(11, obj.metadata.labels)] : []),
  ]);
  const data = obj.data
    ? mapField(
        2,
        obj.kind === 'Secret'
          ? Object.fromEntries(Object.entries(obj.data).map(([k, v]) => [k, Buffer.from(v, 'base64')]))
          : obj.data,
      )
    : Buffer.alloc(0);
  const raw = Buffer.concat([lenField(1, md), data, ...(obj.type ? [strField(3, obj.type)] : [])]);
  const unknown = Buffer.concat([
    lenField(1, Buffer.concat([strField(1, obj.apiVersion), strField(2, obj.kind)])),
    lenField(2, raw),
  ]);
  return Buffer.concat([Buffer.from('k8s\0', 'latin1'), unknown]);
}
