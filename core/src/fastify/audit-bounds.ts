// Audit records stay small whatever a caller sends: every string is cut to an excerpt, nesting is cut at a depth,
// and auth failures have their own per-minute budget (repeats are counted, not written), so unauthenticated
// traffic cannot rotate call records out of the audit file.
export const MAX_AUDIT_STRING = 1_024;
const MAX_AUDIT_DEPTH = 16;
const MAX_AUDIT_ITEMS = 100;

/** true when `value` needs no cutting (the common case: it is then written as it is, not copied). */
function withinBounds(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.length <= MAX_AUDIT_STRING;
  if (!value || typeof value !== 'object') return true;
  if (depth >= MAX_AUDIT_DEPTH) return false;
  if (Array.isArray(value)) {
    if (value.length > MAX_AUDIT_ITEMS) return false;
    for (const item of value) if (!withinBounds(item, depth + 1)) return false;
    return true;
  }
  let keys = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (++keys > MAX_AUDIT_ITEMS || key.length > MAX_AUDIT_STRING) return false;
    if (!withinBounds((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/** `value` with long strings cut, deep nesting and long lists shortened (a copy when anything is cut). */
export function boundAuditValue(value: unknown, depth = 0): unknown {
  return withinBounds(value, depth) ? value : boundCopy(value, depth);
}

function boundCopy(value: unknown, depth: number): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_AUDIT_STRING
      ? `${value.slice(0, MAX_AUDIT_STRING)}…[cut: ${value.length} characters]`
      : value;
  }
  if (!value || typeof value !== 'object') return value;
  if (depth >= MAX_AUDIT_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_AUDIT_ITEMS).map((v) => boundCopy(v, depth + 1));
    if (value.length > MAX_AUDIT_ITEMS) items.push(`…[${value.length - MAX_AUDIT_ITEMS} more items]`);
    return items;
  }
  const out: Record<string, unknown> = {};
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [key, v] of entries.slice(0, MAX_AUDIT_ITEMS)) {
    Object.defineProperty(out, boundCopy(key, 0) as string, {
      value: boundCopy(v, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  if (entries.length > MAX_AUDIT_ITEMS) out['…'] = `${entries.length - MAX_AUDIT_ITEMS} more keys`;
  return out;
}

/** At most `perMinute` auth-failure records a minute; the next one written says how many were left out. */
export class AuthFailureBudget {
  private windowStart = 0;
  private written = 0;
  private suppressed = 0;

  constructor(
    private readonly perMinute = 60,
    private readonly now: () => number = Date.now,
  ) {}

  /** undefined: do not write; otherwise the number of failures left out since the last written one. */
  admit(): number | undefined {
    const now = this.now();
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now;
      this.written = 0;
    }
    if (this.written >= this.perMinute) {
      this.suppressed++;
      return undefined;
    }
    this.written++;
    const left = this.suppressed;
    this.suppressed = 0;
    return left;
  }
}
