// Resolving what an agent calls a data view (an ID, its name, or its index pattern title) to one data view.
import type { DataViewListItem } from './types.js';

export type DataViewMatch = { view: DataViewListItem } | { ambiguous: DataViewListItem[] } | { none: true };

/** Exact ID first, then exact name, then exact title, then a case-insensitive name or title. */
export function matchDataView(views: DataViewListItem[], wanted: string): DataViewMatch {
  const byId = views.find((v) => v.id === wanted);
  if (byId) return { view: byId };
  const tiers: Array<(v: DataViewListItem) => boolean> = [
    (v) => v.name === wanted,
    (v) => v.title === wanted,
    (v) => v.name?.toLowerCase() === wanted.toLowerCase() || v.title.toLowerCase() === wanted.toLowerCase(),
  ];
  for (const test of tiers) {
    const found = views.filter(test);
    if (found.length === 1) return { view: found[0] };
    if (found.length > 1) return { ambiguous: found };
  }
  return { none: true };
}

/** Index pattern text that could be sent to Elasticsearch directly (a title with no data view behind it). */
export function looksLikeIndexPattern(value: string): boolean {
  return /^[a-z0-9.*_\-,:]+$/i.test(value) && !/\s/.test(value);
}
