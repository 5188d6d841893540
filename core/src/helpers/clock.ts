// The current time as Date#toISOString writes it, for what is stamped once per call (audit records): the part
// up to the second is formatted once a second, so a call pays only for its milliseconds (toISOString on a new
// Date costs about as much as serialising the whole record).
let second = Number.NaN;
let prefix = '';

/** `YYYY-MM-DDTHH:MM:SS.mmmZ` of `now` (default: the current time), exactly as `new Date(now).toISOString()`. */
export function isoNow(now: number = Date.now()): string {
  const s = Math.floor(now / 1000);
  if (s !== second) {
    prefix = new Date(s * 1000).toISOString().slice(0, 20);
    second = s;
  }
  const ms = now - s * 1000;
  return `${prefix}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
}
