// Configured secrets must never reach a client, even when a backend echoes them back (an error body quoting the
// Authorization header it received). Each secret is removed in the forms a backend may echo: raw, base64 and
// URL-encoded.
import { MASK } from '../fastify/redact.js';

const MIN_SECRET = 4; // shorter values would mask ordinary words

function forms(secret: string): string[] {
  const base64 = Buffer.from(secret).toString('base64');
  return [
    secret,
    encodeURIComponent(secret),
    base64,
    base64.replace(/=+$/, ''),
    Buffer.from(secret).toString('base64url'),
    encodeURIComponent(base64),
  ];
}

/** A function that masks every form of the given secrets in a text (longest first, so no part is left over). */
export function secretScrubber(secrets: ReadonlyArray<string | undefined>): (text: string) => string {
  const all = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET) continue;
    for (const form of forms(secret)) if (form.length >= MIN_SECRET) all.add(form);
  }
  const ordered = [...all].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const form of ordered) if (out.includes(form)) out = out.split(form).join(MASK);
    return out;
  };
}
