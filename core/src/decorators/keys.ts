// Decorators only record metadata under these registry symbols; plugins/metadata.ts is the one reader.
// Symbol.for (not a module-local Symbol) so that two copies of core still agree.
export const SERVICE_KEY = Symbol.for('cnmcp.service');
export const GROUP_KEY = Symbol.for('cnmcp.toolgroup');
export const MEMBERS_KEY = Symbol.for('cnmcp.members');
/** Explicit constructor injection tokens, recorded by @inject so the host can build classes from any copy of core. */
export const INJECT_KEY = Symbol.for('cnmcp.inject');

export type MemberKind = 'tool' | 'prompt' | 'resource';

export interface MemberRecord<Options = unknown> {
  kind: MemberKind;
  method: string;
  options: Options;
}

type Bag = Record<symbol, unknown>;

/** Appends a member record to the class that declares the method (copy-on-write, so subclasses do not leak into parents). */
export function recordMember(prototype: object, record: MemberRecord): void {
  const ctor = (prototype as { constructor: Bag }).constructor;
  const own = Object.prototype.hasOwnProperty.call(ctor, MEMBERS_KEY)
    ? (ctor[MEMBERS_KEY] as MemberRecord[])
    : [...((ctor[MEMBERS_KEY] as MemberRecord[] | undefined) ?? [])];
  own.push(record);
  Object.defineProperty(ctor, MEMBERS_KEY, { value: own, configurable: true, enumerable: false, writable: true });
}
