// Prometheus' own failures; backend failures (unreachable, 5xx, auth …) are the core's CNMCP_ERR_BACKEND_* codes
// and bad time or duration arguments are CNMCP_ERR_TOOL_INPUT_INVALID from the core's time helpers.
import { defineErrors } from '@cnmcp/core';

export const PrometheusErrors = defineErrors({
  PROMETHEUS_ERR_RANGE_INVALID: {
    summary: 'The time range is empty or reversed (end before start).',
    hint: 'Give a start earlier than the end, e.g. start=now-1h end=now.',
  },
  PROMETHEUS_ERR_QUERY_INVALID: {
    summary: 'Prometheus rejected the PromQL expression or its parameters.',
    hint: 'Fix the expression at the position Prometheus names; try it in prometheus_query first.',
  },
  PROMETHEUS_ERR_QUERY_TOO_EXPENSIVE: {
    summary: 'The range query would return more points than the configured budget.',
    hint: 'Use a coarser step, a shorter range, fewer series (label matchers, topk, sum by), or leave step out for an automatic one.',
  },
  PROMETHEUS_ERR_ADMIN_API_DISABLED: {
    summary: "The Prometheus admin API is turned off, so snapshots can't be taken.",
    hint: 'Start Prometheus with --web.enable-admin-api, or ask its operator for a snapshot.',
  },
  PROMETHEUS_ERR_BAD_RESPONSE: {
    summary: 'Prometheus answered with JSON that is not a Prometheus API envelope.',
    hint: 'Check that the target URL points at a Prometheus (or compatible) server, without a path suffix.',
  },
});
