// Reading silences: a summary first, then full and paged lists and single silences.
import { Tool, ToolGroup, annotations, countBy, inject, tokens, type Static, type ToolContext } from '@cnmcp/core';
import { capped, filterMatchers, orNone } from '../args.js';
import { AlertmanagerApi } from '../client.js';
import type { AlertmanagerConfig } from '../config.js';
import { compactSilence, filterSilences, paginate } from '../format.js';
import { GetSilencesInput, SilenceIdInput, SilencesPaginatedInput, SilencesSummaryInput } from '../schemas.js';

@ToolGroup({
  name: 'silences',
  title: 'Silences',
  description: 'Silence summaries, lists, pages and single silences (read only).',
  default: true,
  defaults: { annotations: annotations.read },
})
export class SilenceTools {
  constructor(@inject(tokens.config) private readonly config: AlertmanagerConfig) {}

  @Tool({
    name: 'alertmanager_get_silences',
    title: 'Silences',
    description:
      'All silences (active, pending and expired) with matchers, times, author and comment; optionally only those matching `filter`.',
    input: GetSilencesInput,
  })
  async getSilences(input: Static<typeof GetSilencesInput>, ctx: ToolContext) {
    const silences = await new AlertmanagerApi(ctx.backend).silences(filterMatchers(input.filter), ctx.signal);
    const shown = silences.slice(0, this.config.limits.maxItems);
    return {
      total: silences.length,
      by_state: countBy(silences, (s) => orNone(s.status?.state)),
      silences: shown,
      ...(shown.length < silences.length
        ? { truncated: `showing ${shown.length} of ${silences.length} silences; use alertmanager_silences_paginated` }
        : {}),
    };
  }

  @Tool({
    name: 'alertmanager_get_silence',
    title: 'One silence',
    description: 'One silence by ID: matchers, state, times, author and comment.',
    input: SilenceIdInput,
  })
  async getSilence(input: Static<typeof SilenceIdInput>, ctx: ToolContext) {
    return new AlertmanagerApi(ctx.backend).silence(input.silenceId, ctx.signal);
  }

  @Tool({
    name: 'alertmanager_silences_summary',
    title: 'Silences (summary)',
    description:
      'Read first: silence counts by state and one line per silence (matchers, end, author, comment), ending soonest first.',
    input: SilencesSummaryInput,
  })
  async silencesSummary(input: Static<typeof SilencesSummaryInput>, ctx: ToolContext) {
    const all = await new AlertmanagerApi(ctx.backend).silences(undefined, ctx.signal);
    const chosen = filterSilences(all, input.status).sort((a, b) => a.endsAt.localeCompare(b.endsAt));
    const shown = chosen.slice(0, capped(input.limit, this.config.limits.maxItems));
    return {
      total: all.length,
      by_state: countBy(all, (s) => orNone(s.status?.state)),
      matching: chosen.length,
      silences: shown.map(compactSilence),
      ...(shown.length < chosen.length
        ? {
            truncated: `listing ${shown.length} of ${chosen.length}; raise limit or use alertmanager_silences_paginated`,
          }
        : {}),
    };
  }

  @Tool({
    name: 'alertmanager_silences_paginated',
    title: 'Silences (paged)',
    description: 'Silences filtered by status, author (created_by) and comment text, newest first, paged.',
    input: SilencesPaginatedInput,
  })
  async silencesPaginated(input: Static<typeof SilencesPaginatedInput>, ctx: ToolContext) {
    const all = await new AlertmanagerApi(ctx.backend).silences(undefined, ctx.signal);
    const by = input.created_by?.toLowerCase();
    const text = input.comment_filter?.toLowerCase();
    const chosen = filterSilences(all, input.status)
      .filter((s) => !by || s.createdBy.toLowerCase().includes(by))
      .filter((s) => !text || s.comment.toLowerCase().includes(text))
      .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
    const { items, ...meta } = paginate(chosen, input.page, capped(input.per_page, this.config.limits.maxPerPage));
    return { ...meta, silences: items.map(compactSilence) };
  }
}
