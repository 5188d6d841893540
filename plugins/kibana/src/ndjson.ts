// Saved-object NDJSON, as Kibana's export writes it and its import reads it: one object per line, the
// export-details line (exportedCount, missingReferences) last.

export interface ExportDetails {
  exportedCount: number;
  missingRefCount: number;
  missingReferences: Array<{ type: string; id: string }>;
  excludedObjectsCount?: number;
}

export interface NdjsonObject {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  references?: Array<{ type: string; id: string; name: string }>;
  [key: string]: unknown;
}

export interface DecodedNdjson {
  objects: NdjsonObject[];
  details?: ExportDetails;
}

export class NdjsonError extends Error {
  override name = 'NdjsonError';
}

export function encodeNdjson(objects: unknown[]): string {
  return objects.map((o) => JSON.stringify(o)).join('\n') + '\n';
}

function isExportDetails(value: Record<string, unknown>): boolean {
  return typeof value.exportedCount === 'number' && value.type === undefined;
}

/** Parses NDJSON text; each object needs `type`, `id` and `attributes`. Throws NdjsonError naming the line. */
export function decodeNdjson(text: string): DecodedNdjson {
  const objects: NdjsonObject[] = [];
  let details: ExportDetails | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new NdjsonError(`line ${i + 1} is not JSON (${(err as Error).message})`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new NdjsonError(`line ${i + 1} is not a JSON object`);
    const obj = value as Record<string, unknown>;
    if (isExportDetails(obj)) {
      details = obj as unknown as ExportDetails;
      return;
    }
    if (
      typeof obj.type !== 'string' ||
      typeof obj.id !== 'string' ||
      !obj.attributes ||
      typeof obj.attributes !== 'object'
    )
      throw new NdjsonError(`line ${i + 1} is not a saved object (needs type, id and attributes)`);
    objects.push(obj as NdjsonObject);
  });
  return { objects, details };
}

/**
 * Turns what an agent passes as an import file into NDJSON: NDJSON text as is, a JSON array of saved
 * objects, or one saved object (as an object or JSON text). Validates every object on the way.
 */
export function toImportNdjson(file: unknown): { ndjson: string; count: number } {
  let objects: unknown[];
  if (typeof file === 'string') {
    const trimmed = file.trim();
    if (trimmed.startsWith('[')) {
      try {
        objects = JSON.parse(trimmed) as unknown[];
      } catch (err) {
        throw new NdjsonError(`the file looks like a JSON array but does not parse (${(err as Error).message})`);
      }
    } else {
      const decoded = decodeNdjson(trimmed);
      return { ndjson: encodeNdjson(decoded.objects), count: decoded.objects.length };
    }
  } else objects = Array.isArray(file) ? file : [file];
  const decoded = decodeNdjson(objects.map((o) => JSON.stringify(o)).join('\n'));
  return { ndjson: encodeNdjson(decoded.objects), count: decoded.objects.length };
}
