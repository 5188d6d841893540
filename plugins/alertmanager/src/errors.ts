// Alertmanager's own failures; backend failures are the core's CNMCP_ERR_BACKEND_* codes and bad times are
// CNMCP_ERR_TOOL_INPUT_INVALID from the core's time helpers.
import { defineErrors } from '@cnmcp/core';

export const AlertmanagerErrors = defineErrors({
  ALERTMANAGER_ERR_MATCHER_INVALID: {
    summary: 'A label matcher could not be read.',
    hint: 'Write matchers like alertname="HighLatency",severity=~"crit.*" (operators =, !=, =~, !~), or objects {name, value, isRegex, isEqual}.',
  },
  ALERTMANAGER_ERR_RANGE_INVALID: {
    summary: 'The silence would end before it starts, or has already ended.',
    hint: 'Give endsAt later than startsAt and in the future, e.g. endsAt=2h.',
  },
  ALERTMANAGER_ERR_FILTER_INVALID: {
    summary: 'A filter value has the wrong type.',
    hint: 'Use booleans for active/silenced/inhibited/unprocessed, a regex for receiver and matchers for filter.',
  },
  ALERTMANAGER_ERR_SILENCE_NOT_FOUND: {
    summary: 'No silence has this ID.',
    hint: 'List the silences with alertmanager_get_silences or alertmanager_silences_summary (expired ones are kept only for a while, --data.retention).',
  },
  ALERTMANAGER_ERR_SILENCE_EXPIRED: {
    summary: 'The silence has already expired; Alertmanager cannot change it.',
    hint: 'Create a new silence with alertmanager_create_silence (matchers can be copied from alertmanager_get_silence).',
  },
  ALERTMANAGER_ERR_RECEIVER_TEST_UNSUPPORTED: {
    summary: 'Alertmanager has no API to test a receiver.',
    hint: 'Post a synthetic alert that routes to the receiver (it notifies for real), or check routing offline with `amtool config routes test`.',
  },
  ALERTMANAGER_ERR_BAD_RESPONSE: {
    summary: 'Alertmanager answered with JSON of an unexpected shape.',
    hint: 'Check that the target URL points at an Alertmanager (API v2), without a path suffix.',
  },
});
