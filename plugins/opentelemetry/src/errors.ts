import { defineErrors } from '@cnmcp/core';

export const OtelErrors = defineErrors({
  OPENTELEMETRY_ERR_CONFIG_UNAVAILABLE: {
    summary: 'No collector config to analyse.',
    hint: 'Pass the YAML as `config`, or set opentelemetry.targets.<name>.configFile.',
  },
  OPENTELEMETRY_ERR_CONFIG_INVALID: {
    summary: 'The collector config is not valid YAML or not a mapping.',
    hint: 'Fix the YAML at the position given (`otelcol validate --config=<file>` checks it too).',
  },
  OPENTELEMETRY_ERR_SIGNAL_BACKEND_MISSING: {
    summary: 'The backend that answers this signal query is not loaded or not configured.',
    hint: 'Load and configure the plugin named in the message (a collector has no query API; its exporters write to these backends).',
  },
  OPENTELEMETRY_ERR_QUERY_INVALID: {
    summary: 'The query could not be read.',
    hint: 'Give a trace ID, attribute filters like http.status_code=500 error=true, or a JSON object of them.',
  },
  OPENTELEMETRY_ERR_PIPELINE_NOT_FOUND: {
    summary: 'No pipeline with this ID.',
    hint: 'List the pipelines with opentelemetry_get_config_summary or opentelemetry_analyze_pipeline_status without a filter.',
  },
});
