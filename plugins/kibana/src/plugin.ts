// The Kibana plugin: one HTTP backend (kibana.targets), toolsets per area, the log-diagnosis prompt.
import { Prompt, Service } from '@cnmcp/core';
import { KibanaConfigSchema, KibanaTargetExtras } from './config.js';
import { AlertingTools } from './tools/alerting.js';
import { ConnectorTools } from './tools/connectors.js';
import { DashboardAdminTools, DashboardTools } from './tools/dashboards.js';
import { DataViewTools } from './tools/data-views.js';
import { DiscoverTools } from './tools/discover.js';
import { IndexPatternTools } from './tools/index-patterns.js';
import { SavedContentTools } from './tools/saved-content.js';
import { SavedObjectTools } from './tools/saved-objects.js';
import { SpaceTools } from './tools/spaces.js';
import { StatusTools } from './tools/status.js';
import { VisualizationTools } from './tools/visualizations.js';

@Service({
  name: 'kibana',
  title: 'Kibana',
  description: 'Kibana saved objects, dashboards, data views, spaces, alerting and Discover-style log search.',
  core: '^0.1.0',
  config: KibanaConfigSchema,
  backend: { urlEnv: 'KIBANA_URL', health: { path: '/api/status' }, targetSchema: KibanaTargetExtras },
  tools: [
    StatusTools,
    DiscoverTools,
    DashboardTools,
    DashboardAdminTools,
    VisualizationTools,
    SavedContentTools,
    SavedObjectTools,
    DataViewTools,
    IndexPatternTools,
    SpaceTools,
    AlertingTools,
    ConnectorTools,
  ],
})
export class KibanaPlugin {
  @Prompt({
    name: 'kibana_log_diagnosis',
    title: 'Diagnose from Kibana logs',
    description: 'Investigate a problem through Kibana data views, logs and alerting rules.',
    arguments: [
      { name: 'query', description: 'What to look for: a symptom, service or Lucene query.' },
      { name: 'time_range', description: 'How far back, e.g. now-1h (default now-24h).' },
      { name: 'notes', description: 'Anything already known.' },
    ],
  })
  logDiagnosis(args: { query?: string; time_range?: string; notes?: string }) {
    const from = args.time_range || 'now-24h';
    return [
      `Diagnose this from Kibana: ${args.query || 'recent errors'} (time range ${from} to now).`,
      args.notes ? `Already known: ${args.notes}` : '',
      '',
      'Steps:',
      '1. kibana_get_status — is Kibana itself healthy?',
      '2. kibana_get_data_views — pick the data view that holds the logs (note its time field).',
      `3. kibana_query_logs with that data view, from=${from}, a Lucene query (start broad: level:error or the service name; then narrow). Read the newest hits first.`,
      '4. kibana_get_alerts and kibana_get_alert_rule_history — which rules are firing or failing, since when.',
      '5. kibana_search_saved_objects type=dashboard — a dashboard for the affected service, for context.',
      'Report: what fails, since when, how often, the evidence (quote log lines with timestamps), and the next check.',
    ]
      .filter((line, i) => line !== '' || i === 2)
      .join('\n');
  }
}
