// The Grafana plugin's own error codes. Backend failures (unreachable, auth, 5xx) are the core's
// CNMCP_ERR_BACKEND_* codes; these name the Grafana object that was missing or the rule that was broken.
import { defineErrors } from '@cnmcp/core';

export const GrafanaErrors = defineErrors({
  GRAFANA_ERR_DASHBOARD_NOT_FOUND: {
    summary: 'No dashboard with that UID in this organisation.',
    hint: 'Find the UID with grafana_search_dashboards (or check orgId of the target).',
  },
  GRAFANA_ERR_DASHBOARD_VERSION_NOT_FOUND: {
    summary: 'The dashboard has no saved version with that number.',
    hint: 'List the versions with grafana_get_dashboard_versions.',
  },
  GRAFANA_ERR_VERSION_CONFLICT: {
    summary: 'Someone saved the object after you read it (Grafana answered 412 version-mismatch).',
    hint: 'Read it again, re-apply your change to the current version and save with that version; or save with overwrite: true to replace their change.',
  },
  GRAFANA_ERR_NAME_EXISTS: {
    summary: 'An object with the same name (or UID) already exists where you saved.',
    hint: 'Choose another title or folder, or update the existing one by its UID.',
  },
  GRAFANA_ERR_DASHBOARD_INVALID: {
    summary: 'The dashboard argument is not a dashboard JSON object.',
    hint: 'Pass the dashboard model (an object with at least "title"), e.g. the `dashboard` field of grafana_dashboard.',
  },
  GRAFANA_ERR_PANEL_NOT_FOUND: {
    summary: 'The dashboard has no panel with that id.',
    hint: 'List the panels and their ids with grafana_dashboard_summary.',
  },
  GRAFANA_ERR_PROPERTY_PATH_INVALID: {
    summary: 'The property path is not a JSONPath expression.',
    hint: 'Use forms like panels[0].title, $.templating.list[*].name or panels[?(@.type=="row")].title.',
  },
  GRAFANA_ERR_FOLDER_NOT_FOUND: {
    summary: 'No folder with that UID in this organisation.',
    hint: 'List folders with grafana_folders.',
  },
  GRAFANA_ERR_FOLDER_HAS_ALERT_RULES: {
    summary: 'The folder holds alert rules, so Grafana refused to delete it.',
    hint: 'Delete or move the rules first, or pass forceDeleteRules: true to delete them with the folder.',
  },
  GRAFANA_ERR_DATASOURCE_NOT_FOUND: {
    summary: 'No datasource with that UID or name in this organisation.',
    hint: 'List datasources with grafana_datasources_summary.',
  },
  GRAFANA_ERR_DATASOURCE_UNHEALTHY: {
    summary: 'Grafana could not reach or query the datasource.',
    hint: "Check the datasource URL and credentials in Grafana; the message is Grafana's own health-check result.",
  },
  GRAFANA_ERR_QUERY_FAILED: {
    summary: 'The datasource rejected the query or could not run it.',
    hint: 'Fix the query at the position the datasource names, or check the datasource with grafana_check_datasource_health.',
  },
  GRAFANA_ERR_QUERY_TOO_EXPENSIVE: {
    summary: 'The query range divided by the step gives more points than the cost guard allows.',
    hint: 'Use a larger step (interval), a shorter range, or leave the step out for an automatic one.',
  },
  GRAFANA_ERR_ANNOTATION_NOT_FOUND: {
    summary: 'No annotation with that id.',
    hint: 'Find annotation ids with grafana_get_annotations.',
  },
  GRAFANA_ERR_ALERT_RULE_NOT_FOUND: {
    summary: 'No alert rule with that UID.',
    hint: 'List rules and their UIDs with grafana_alerts.',
  },
  GRAFANA_ERR_ALERT_RULE_INVALID: {
    summary: 'Grafana rejected the alert rule.',
    hint: 'Fix what Grafana names (condition must be a refId of data; folderUID and ruleGroup must be set).',
  },
  GRAFANA_ERR_PLUGIN_NOT_FOUND: {
    summary: 'No plugin with that id is installed.',
    hint: 'List installed plugins with grafana_plugins_summary.',
  },
  GRAFANA_ERR_PLUGIN_DISABLED: {
    summary: 'The plugin the link needs is not enabled in this Grafana.',
    hint: 'Enable the app plugin in Grafana (Administration → Plugins) or use an Explore link instead.',
  },
  GRAFANA_ERR_RENDERER_UNAVAILABLE: {
    summary: 'This Grafana has no image renderer, so panels cannot be rendered to images.',
    hint: 'Install the grafana-image-renderer plugin or configure a remote rendering service; meanwhile query the panel data with grafana_query_datasource.',
  },
  GRAFANA_ERR_NOT_FOUND: {
    summary: 'Grafana has no such object (user, team, role or resource).',
    hint: 'Check the id; list users with grafana_users, teams with grafana_list_teams, roles with grafana_list_all_roles.',
  },
  GRAFANA_ERR_FEATURE_UNAVAILABLE: {
    summary: 'This Grafana does not serve the API (an Enterprise or Cloud feature, or an older version).',
    hint: 'Role-based access control APIs need Grafana Enterprise or Cloud.',
  },
  GRAFANA_ERR_PERMISSION_DENIED: {
    summary: "The target's credentials lack the Grafana permission for this action.",
    hint: 'Use a service-account token with the role Grafana names (Viewer < Editor < Admin), or a server-admin login for admin APIs.',
  },
});
