import { defineErrors } from '@cnmcp/core';

export const JaegerErrors = defineErrors({
  JAEGER_ERR_TRACE_NOT_FOUND: {
    summary: 'Jaeger has no trace with this ID.',
    hint: 'Check the ID, or find traces with jaeger_get_traces / jaeger_search_traces (the storage may have expired it).',
  },
  JAEGER_ERR_SPAN_NOT_FOUND: {
    summary: 'The trace has no span with this ID.',
    hint: 'List the spans with jaeger_get_trace view=spans and pick a span_id from there.',
  },
  JAEGER_ERR_TIME_RANGE_INVALID: {
    summary: 'The time window or duration bounds are inverted.',
    hint: 'Give start_time before end_time and min_duration below max_duration.',
  },
  JAEGER_ERR_SPAN_ID_REQUIRED: {
    summary: 'view=span needs a span_id.',
    hint: 'Pass span_id (from view=spans or the critical path of view=overview).',
  },
});
