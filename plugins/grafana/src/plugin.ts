// The Grafana plugin: targets (URL, bearer token or basic auth, orgId) owned by the core, the toolsets, and the
// dashboard diagnosis prompt.
import { Prompt, Service } from '@cnmcp/core';
import { GrafanaApis } from './api.js';
import { GrafanaConfigSchema, GrafanaTargetExtras } from './config.js';
import { AccessTools, RbacTools } from './tools/access.js';
import { AdminTools } from './tools/admin.js';
import { AlertingTools, AlertRuleEditTools } from './tools/alerting.js';
import { AnnotationTools } from './tools/annotations.js';
import { DashboardEditTools } from './tools/dashboard-edits.js';
import { DashboardTools } from './tools/dashboards.js';
import { DatasourceAdminTools } from './tools/datasource-admin.js';
import { DatasourceTools } from './tools/datasources.js';
import { FolderTools } from './tools/folders.js';
import { LinkTools } from './tools/links.js';
import { VersionTools } from './tools/versions.js';

@Service({
  name: 'grafana',
  title: 'Grafana',
  description:
    'Dashboards (summaries, properties, versions and diffs), datasource queries, alerting, annotations, folders and access of Grafana servers.',
  core: '^0.1.0',
  config: GrafanaConfigSchema,
  backend: { urlEnv: 'GRAFANA_URL', health: { path: '/api/health' }, targetSchema: GrafanaTargetExtras },
  tools: [
    DashboardTools,
    DatasourceTools,
    AlertingTools,
    VersionTools,
    DashboardEditTools,
    DatasourceAdminTools,
    AlertRuleEditTools,
    AnnotationTools,
    FolderTools,
    AccessTools,
    RbacTools,
    AdminTools,
    LinkTools,
  ],
  providers: [GrafanaApis],
})
export class GrafanaPlugin {
  @Prompt({
    name: 'grafana_dashboard_diagnosis',
    title: 'Diagnose a Grafana dashboard',
    description: 'Steps to find why a dashboard shows wrong or no data, reading summaries first and writing nothing.',
    arguments: [
      { name: 'dashboard', description: 'Dashboard UID or title words.', required: false },
      { name: 'time_range', description: 'Range to look at, e.g. now-6h to now.', required: false },
      { name: 'notes', description: 'What looks wrong.', required: false },
    ],
  })
  diagnosis(args: { dashboard?: string; time_range?: string; notes?: string }) {
    const dashboard = args.dashboard?.trim() || '(not given: find it first)';
    const range = args.time_range?.trim() || 'now-1h to now';
    return [
      `Diagnose the Grafana dashboard ${dashboard} over ${range}.${args.notes ? ` Reported: ${args.notes}` : ''}`,
      '',
      'Read first, smallest answers first; change nothing unless the user asks.',
      '1. grafana_test_connection: Grafana answers and the credentials work.',
      '2. If you have no UID, grafana_search_dashboards with words of the title.',
      '3. grafana_dashboard_summary: panels, rows, variables and the datasources they use.',
      '4. grafana_get_dashboard_panel_queries: the query of each panel. Read single settings with grafana_get_dashboard_property.',
      '5. For every datasource in use, grafana_check_datasource_health.',
      `6. Run the suspicious panel queries with grafana_query_datasource (from/to for ${range}); replace dashboard variables ($job) with real values. Empty series, errors or flat lines explain most broken panels.`,
      '7. grafana_get_dashboard_versions, then grafana_diff_dashboard_versions from the last good version: did a recent save change a query, datasource or variable?',
      '8. grafana_get_annotations over the range (deploys, incidents) and grafana_alerts for firing rules.',
      '9. Optionally grafana_render_panel_image to see a panel, and grafana_generate_deeplink to hand the user a link.',
      '',
      "Report: the cause (with the evidence: query, error, version diff), what to change, and the links. Proposing a fix is fine; saving it (grafana_update_dashboard) needs the user's go-ahead.",
    ].join('\n');
  }
}
