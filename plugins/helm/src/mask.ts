// Release records are Secrets: what is decoded from them keeps values that look like secrets masked, the same
// way the Kubernetes plugin masks Secret data and secret-named environment values.
import type { Obj } from './release.js';
import { yaml } from './yaml.js';

export const REDACTED = '<redacted>';
/** Keys whose values are treated as secrets (password, token, apiKey, privateKey, credentials, …). */
const SECRET_KEY = /pass(word|wd|phrase)?$|passw|secret|token|api[-_]?key|credential|private[-_]?key|^auth$|dsn$/i;

function redacted(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  return `${REDACTED} (${Buffer.byteLength(text)} bytes)`;
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Masks values under secret-looking keys and the data of Secret objects, at any depth. */
export function maskValues(value: unknown, show = false): unknown {
  if (show) return value;
  if (Array.isArray(value)) return value.map((v) => maskValues(v));
  if (!value || typeof value !== 'object') return value;
  const o = value as Obj;
  const secretObject = o.kind === 'Secret' && typeof o.apiVersion === 'string';
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) {
    if (secretObject && (k === 'data' || k === 'stringData') && v && typeof v === 'object') {
      out[k] = Object.fromEntries(Object.entries(v as Obj).map(([dk, dv]) => [dk, redacted(dv)]));
    } else if (k === 'env' && Array.isArray(v)) {
      out[k] = v.map((e: Obj) =>
        e && typeof e.name === 'string' && typeof e.value === 'string' && isSecretKey(e.name)
          ? { ...e, value: redacted(e.value) }
          : maskValues(e),
      );
    } else if (isSecretKey(k) && v !== null && v !== '' && (typeof v !== 'object' || Array.isArray(v))) {
      out[k] = typeof v === 'boolean' ? v : redacted(v);
    } else out[k] = maskValues(v);
  }
  return out;
}

/** The manifest text with Secret data (and secret-looking values) masked; other documents are kept verbatim. */
export function maskManifest(manifest: string, show = false): string {
  if (show || !manifest) return manifest;
  const docs = manifest.split(/^---\s*$/m);
  return docs
    .map((text) => {
      const [doc] = yaml().parseAllDocuments(text);
      if (!doc || doc.errors.length) return text;
      const value = doc.toJS();
      if (!value || typeof value !== 'object') return text;
      const masked = maskValues(value);
      if (JSON.stringify(masked) === JSON.stringify(value)) return text;
      const comment = text.match(/^(\s*#[^\n]*\n)+/)?.[0] ?? '\n';
      return comment + yaml().stringify(masked);
    })
    .join('---');
}
