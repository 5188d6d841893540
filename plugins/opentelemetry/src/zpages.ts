// Lenient reading of zpages HTML (servicez, pipelinez, extensionz): tables into rows of cell texts.

const decode = (s: string): string =>
  s
    .replace(/&rarr;/g, '→')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Cell text; `<br>` separates list items, which come back joined with ', '. */
function cellText(html: string): string[] {
  return html
    .split(/<br\s*\/?>/i)
    .map((part) =>
      decode(part.replace(/<[^>]*>/g, ''))
        .replace(/→/g, '')
        .trim(),
    )
    .filter(Boolean);
}

/** Every table row as lists of cell values (header cells included), in document order. */
export function tableRows(html: string): Array<{ header: boolean; cells: string[][] }> {
  const rows: Array<{ header: boolean; cells: string[][] }> = [];
  for (const row of html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/gi)) {
    const cells = [...row[1].matchAll(/<(t[dh])[^>]*>([\s\S]*?)<\/t[dh]>/gi)];
    if (!cells.length) continue;
    rows.push({ header: cells.every((c) => c[1].toLowerCase() === 'th'), cells: cells.map((c) => cellText(c[2])) });
  }
  return rows;
}

export interface ZPipeline {
  name: string;
  signal: string;
  receivers: string[];
  processors: string[];
  exporters: string[];
}

/** Pipelines from /debug/pipelinez, locating columns by header name. */
export function parsePipelinez(html: string): ZPipeline[] {
  const rows = tableRows(html);
  const headerRow = rows.find((r) => r.header);
  const header = (headerRow?.cells ?? []).map((c) => (c[0] ?? '').toLowerCase());
  const col = (name: string, fallback: number) => {
    const i = header.findIndex((h) => h.includes(name));
    return i >= 0 ? i : fallback;
  };
  const [iName, iType, iRecv, iProc, iExp] = [
    col('name', 0),
    col('type', 1),
    col('receiver', 3),
    col('processor', 4),
    col('exporter', 5),
  ];
  return rows
    .filter((r) => !r.header && r.cells.length >= 4)
    .map((r) => ({
      name: r.cells[iName]?.[0] ?? '',
      signal: r.cells[iType]?.[0] ?? (r.cells[iName]?.[0] ?? '').split('/')[0],
      receivers: r.cells[iRecv] ?? [],
      processors: r.cells[iProc] ?? [],
      exporters: r.cells[iExp] ?? [],
    }))
    .filter((p) => p.name);
}

/** Extension names from /debug/extensionz. */
export function parseExtensionz(html: string): string[] {
  return tableRows(html)
    .filter((r) => !r.header)
    .map((r) => r.cells[0]?.[0] ?? '')
    .filter(Boolean);
}

/** Key/value rows of /debug/servicez (build and runtime info). */
export function parseServicez(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of tableRows(html))
    if (r.cells.length === 2 && r.cells[0][0]) out[r.cells[0][0]] = r.cells[1].join(', ');
  return out;
}
