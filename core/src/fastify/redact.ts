// Masks secret-looking values: in audit records, log fields and (unless a tool opts out with
// redactOutput: false) in tool output. Keys are matched case-insensitively, ignoring - and _.
export const MASK = '***';

const SECRET_KEY_PARTS = [
  'password',
  'passwd',
  'secret',
  'token',
  'apikey',
  'authorization',
  'privatekey',
  'credential',
  'cookie',
  'sessionid',
  'clientsecret',
  'accesskey',
  'bearer',
  'securejsondata', // Grafana datasource secrets
];
const PEM_TEST = /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/;
const PEM = /-----BEGIN ((?:[A-Z]+ )*PRIVATE KEY)-----[\s\S]*?(?:-----END \1-----|$)/g;
// Known secret formats in free text. Every pattern starts at a word boundary it cannot re-enter, so a long run of
// letters is scanned once (no super-linear work on user strings).
const URL_USERINFO = /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/g;
const AUTH_SCHEME = /(?<![A-Za-z0-9])(Basic|Bearer|Token|ApiKey|Digest|Negotiate)(\s+)([A-Za-z0-9._~+/=-]{8,})/gi;
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
// Each pattern in text() needs one of these (a pair its `:` or `=`, userinfo its `@`); most strings an agent
// sends or a tool returns have none and are returned as they are, without running the patterns.
const MAYBE_SECRET = /[:=@]|eyJ|-----BEGIN|basic|bearer|token|apikey|digest|negotiate/i;
// isSecretKey's answers for the keys seen most (argument and field names repeat); cleared when full, so keys a
// caller makes up cannot grow it.
const KEY_MEMO_LIMIT = 1_000;

export interface Redactor {
  /** A deep copy with secret values masked. */
  value<T>(value: T): T;
  /**
   * Masks in free text: PEM private keys, URL userinfo, Authorization scheme values, JWTs and
   * `key: value` / `"key": "value"` / `key=value` pairs under secret-looking keys.
   */
  text(text: string): string;
  isSecretKey(key: string): boolean;
}

export function createRedactor(options: { enabled?: boolean; extraKeys?: string[] } = {}): Redactor {
  const parts = [...SECRET_KEY_PARTS, ...(options.extraKeys ?? []).map((k) => k.toLowerCase().replace(/[-_]/g, ''))];
  const keyMemo = new Map<string, boolean>();
  const isSecretKey = (key: string) => {
    let secret = keyMemo.get(key);
    if (secret !== undefined) return secret;
    const k = key.toLowerCase().replace(/[-_.\s]/g, '');
    secret =
      parts.some((p) => k.includes(p)) &&
      !/^(token|secret)s?(count|type|ttl|expiry|expires|name|ref|kind)$/.test(k) &&
      // pagination cursors are not credentials: an agent needs them to ask for the next page
      !/^(continue|next|page|nextpage|pagination|sync|resume)token$/.test(k);
    if (keyMemo.size >= KEY_MEMO_LIMIT) keyMemo.clear();
    keyMemo.set(key, secret);
    return secret;
  };
  // Any key token followed by `:` or `=`; only a secret-looking key has its value read (one greedy key token per
  // run of key characters, and values of ordinary keys are never scanned: the work stays linear).
  const pairKey = /(?<![A-Za-z0-9_.-])["']?[A-Za-z0-9_.-]+["']?\s*[:=]\s*/g;
  const pairValue = /"(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&}\]]+/y;
  const text = (input: string): string => {
    if (!MAYBE_SECRET.test(input)) return input;
    let out = PEM_TEST.test(input) ? input.replace(PEM, `${MASK} (private key)`) : input;
    out = out.replace(URL_USERINFO, `$1${MASK}@`);
    // a credential, not prose ("basic information"): it has a digit or is long
    out = out.replace(AUTH_SCHEME, (match, scheme: string, space: string, value: string) =>
      /\d/.test(value) || value.length >= 20 ? `${scheme}${space}${MASK}` : match,
    );
    out = out.replace(JWT, MASK);
    return maskPairs(out);
  };
  const maskedValue = (val: string): string | undefined => {
    if (val === MASK || val === `"${MASK}"` || val === '{' || val === '[' || val === 'null' || val === '""') return;
    if (val === `${MASK}@` || val.startsWith(`${MASK} (`)) return;
    return val.startsWith('"') ? `"${MASK}"` : val.startsWith("'") ? `'${MASK}'` : MASK;
  };
  // A pair under an ordinary key is skipped only up to its value, so `note: password=x` still masks x.
  const maskPairs = (input: string): string => {
    // One pair of regexes per redactor, reset here: the loop below runs to its end without yielding.
    const keys = pairKey;
    const values = pairValue;
    keys.lastIndex = 0;
    let out = '';
    let copied = 0;
    for (let m = keys.exec(input); m; m = keys.exec(input)) {
      if (!isSecretKey(m[0].replace(/["'\s:=]/g, ''))) continue;
      values.lastIndex = keys.lastIndex;
      const val = values.exec(input)?.[0];
      if (val === undefined) continue;
      keys.lastIndex = values.lastIndex;
      const masked = maskedValue(val);
      if (masked !== undefined) {
        out += input.slice(copied, m.index) + m[0] + masked;
        copied = values.lastIndex;
      }
    }
    return copied === 0 ? input : out + input.slice(copied);
  };
  const walk = (value: unknown, depth: number): unknown => {
    if (depth > 64) return value;
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1));
    if (!value || typeof value !== 'object') return value;
    const obj = value as Record<string, unknown>;
    // A Kubernetes Secret: every value under data / stringData is secret, whatever its key.
    const k8sSecret =
      obj.kind === 'Secret' && (typeof obj.apiVersion === 'string' || 'data' in obj || 'stringData' in obj);
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(obj)) {
      if (k8sSecret && (key === 'data' || key === 'stringData') && v && typeof v === 'object') {
        out[key] = Object.fromEntries(Object.keys(v).map((k) => [k, MASK]));
      } else if (isSecretKey(key) && v !== null && v !== undefined && (typeof v !== 'object' || Array.isArray(v))) {
        out[key] = MASK;
      } else if (isSecretKey(key) && v && typeof v === 'object') {
        // e.g. `auth: { token: … }` is walked; `privateKey: { … }` is masked whole.
        out[key] = /privatekey|password|secret/i.test(key.replace(/[-_]/g, '')) ? MASK : walk(v, depth + 1);
      } else {
        out[key] = walk(v, depth + 1);
      }
    }
    return out;
  };
  if (options.enabled === false) return { value: (v) => v, text: (t) => t, isSecretKey };
  return { value: <T>(v: T) => walk(v, 0) as T, text, isSecretKey };
}
