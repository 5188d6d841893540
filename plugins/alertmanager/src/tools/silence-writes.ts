// Changing silences: create, update, expire. Each answer says what Alertmanager did, read back after the write.
import { Tool, ToolGroup, annotations, parseTime, type Static, type ToolContext } from '@cnmcp/core';
import { AlertmanagerApi } from '../client.js';
import { AlertmanagerErrors } from '../errors.js';
import { compactSilence } from '../format.js';
import { matcherText, parseMatchers } from '../matchers.js';
import { CreateSilenceInput, SilenceIdInput, UpdateSilenceInput } from '../schemas.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A silence must end after it starts, and in the future. */
function checkWindow(startsAt: number, endsAt: number, now: number): void {
  if (endsAt <= startsAt) {
    throw AlertmanagerErrors.create(
      'ALERTMANAGER_ERR_RANGE_INVALID',
      `endsAt (${iso(endsAt)}) must be after startsAt (${iso(startsAt)})`,
    );
  }
  if (endsAt <= now)
    throw AlertmanagerErrors.create('ALERTMANAGER_ERR_RANGE_INVALID', `endsAt (${iso(endsAt)}) is in the past`);
}

/** Expiring is idempotent: an already expired silence is reported as such. */
const expiring = { ...annotations.destructive, idempotentHint: true };

@ToolGroup({
  name: 'silence-writes',
  title: 'Silence changes',
  description: 'Create, update and expire silences.',
  defaults: { annotations: annotations.write },
})
export class SilenceWriteTools {
  @Tool({
    name: 'alertmanager_create_silence',
    title: 'Create a silence',
    description:
      'Silences alerts matching `matchers` (e.g. alertname="HighLatency",severity=~"crit.*") from startsAt (default now) until endsAt (RFC3339, now+2h, or a duration such as 2h). Returns the silence ID and how many current alerts it matches.',
    input: CreateSilenceInput,
  })
  async createSilence(input: Static<typeof CreateSilenceInput>, ctx: ToolContext) {
    const matchers = parseMatchers(input.matchers);
    const now = Date.now();
    const startsAt =
      input.startsAt !== undefined ? parseTime(input.startsAt, { name: 'startsAt', now, direction: 'future' }) : now;
    const endsAt = parseTime(input.endsAt, { name: 'endsAt', now, base: startsAt, direction: 'future' });
    checkWindow(startsAt, endsAt, now);
    const api = new AlertmanagerApi(ctx.backend);
    const id = await api.postSilence(
      {
        matchers,
        startsAt: iso(startsAt),
        endsAt: iso(endsAt),
        comment: input.comment,
        createdBy: input.createdBy,
      },
      ctx.signal,
    );
    const matching = await api.alerts({ filter: matchers.map(matcherText) }, ctx.signal).catch(() => undefined);
    return {
      silenceID: id,
      matchers: matchers.map(matcherText).join(','),
      startsAt: iso(startsAt),
      endsAt: iso(endsAt),
      ...(matching ? { matching_alerts: matching.length } : {}),
    };
  }

  @Tool({
    name: 'alertmanager_update_silence',
    title: 'Update a silence',
    description:
      'Changes an active or pending silence: end (endsAt, e.g. now+4h or 4h), comment, author, matchers or start. Alertmanager keeps the ID when only end/comment change; otherwise it expires the old silence and returns a new ID (reported).',
    input: UpdateSilenceInput,
  })
  async updateSilence(input: Static<typeof UpdateSilenceInput>, ctx: ToolContext) {
    const api = new AlertmanagerApi(ctx.backend);
    const current = await api.silence(input.silenceId, ctx.signal);
    if (current.status?.state === 'expired') {
      throw AlertmanagerErrors.create(
        'ALERTMANAGER_ERR_SILENCE_EXPIRED',
        `silence ${input.silenceId} expired at ${current.endsAt}; it cannot be changed`,
      );
    }
    const now = Date.now();
    const matchers = input.matchers !== undefined ? parseMatchers(input.matchers) : current.matchers;
    const startsAt =
      input.startsAt !== undefined
        ? parseTime(input.startsAt, { name: 'startsAt', now, direction: 'future' })
        : Date.parse(current.startsAt);
    const endsAt =
      input.endsAt !== undefined
        ? parseTime(input.endsAt, { name: 'endsAt', now, base: Math.max(startsAt, now), direction: 'future' })
        : Date.parse(current.endsAt);
    checkWindow(startsAt, endsAt, now);
    const id = await api.postSilence(
      {
        id: current.id,
        matchers,
        startsAt: iso(startsAt),
        endsAt: iso(endsAt),
        comment: input.comment ?? current.comment,
        createdBy: input.createdBy ?? current.createdBy,
      },
      ctx.signal,
    );
    const after = await api.silence(id, ctx.signal);
    return {
      silenceID: id,
      previous_id: current.id,
      replaced: id !== current.id,
      ...(id !== current.id
        ? { note: `Alertmanager expired ${current.id} and created ${id} (matchers or start changed)` }
        : {}),
      silence: compactSilence(after),
    };
  }

  @Tool({
    name: 'alertmanager_delete_silence',
    title: 'Delete (expire) a silence',
    description:
      'Expires a silence by ID so its alerts notify again (Alertmanager keeps expired silences for a while; they cannot be re-activated).',
    input: SilenceIdInput,
    annotations: expiring,
  })
  async deleteSilence(input: Static<typeof SilenceIdInput>, ctx: ToolContext) {
    return this.expire(input, ctx);
  }

  @Tool({
    name: 'alertmanager_expire_silence',
    title: 'Expire a silence',
    description:
      'Ends a silence now by ID (the same operation as alertmanager_delete_silence); an already expired silence is reported as such.',
    input: SilenceIdInput,
    annotations: expiring,
  })
  async expireSilence(input: Static<typeof SilenceIdInput>, ctx: ToolContext) {
    return this.expire(input, ctx);
  }

  private async expire(input: Static<typeof SilenceIdInput>, ctx: ToolContext) {
    const api = new AlertmanagerApi(ctx.backend);
    const current = await api.silence(input.silenceId, ctx.signal);
    if (current.status?.state === 'expired') {
      return { silenceID: current.id, expired: true, already_expired: true, endsAt: current.endsAt };
    }
    await api.expireSilence(current.id, ctx.signal);
    const after = await api.silence(current.id, ctx.signal);
    return {
      silenceID: current.id,
      expired: after.status?.state === 'expired',
      state: after.status?.state,
      matchers: current.matchers.map(matcherText).join(','),
    };
  }
}
