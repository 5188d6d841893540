// Secrets stay out of results: values under credential-like keys, and every header value.
const SECRET_KEY =
  /pass(word|wd)?$|secret|token|api[_-]?key|authori[sz]ation|bearer|credential|private[_-]?key|client_secret/i;

export function redact(value: unknown, key = '', underHeaders = false): unknown {
  if (Array.isArray(value)) return value.map((v) => redact(v, key, underHeaders));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, redact(v, k, underHeaders || /^headers$/i.test(k))]),
    );
  if (value === null || value === undefined || value === '') return value;
  if (SECRET_KEY.test(key) || (underHeaders && typeof value !== 'object')) {
    // ${env:X} references are not secrets, and tell the reader where the value comes from.
    return typeof value === 'string' && /^\$\{[^}]+\}$/.test(value) ? value : '<redacted>';
  }
  return value;
}
