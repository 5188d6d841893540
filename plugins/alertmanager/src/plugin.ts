// The Alertmanager plugin: one HTTP backend owned by the core (alertmanager.targets, alertmanager_list_backends),
// five toolsets and the alert triage prompt.
import { Prompt, Service } from '@cnmcp/core';
import { AlertmanagerConfigSchema } from './config.js';
import { alertTriagePrompt, type TriageArgs } from './prompts.js';
import { AlertListTools } from './tools/alert-lists.js';
import { AlertTools } from './tools/alerts.js';
import { SilenceWriteTools } from './tools/silence-writes.js';
import { SilenceTools } from './tools/silences.js';
import { StatusTools } from './tools/status.js';

@Service({
  name: 'alertmanager',
  title: 'Alertmanager',
  description:
    'Alerts, alert groups, receivers and silences of Alertmanager (API v2): query and summarise alerts, create, update and expire silences.',
  core: '^0.1.0',
  config: AlertmanagerConfigSchema,
  backend: { urlEnv: 'ALERTMANAGER_URL', health: { path: '/-/healthy' } },
  tools: [AlertTools, AlertListTools, SilenceTools, SilenceWriteTools, StatusTools],
})
export class AlertmanagerPlugin {
  @Prompt({
    name: 'alertmanager_alert_triage',
    title: 'Triage alerts',
    description: 'Understand what fires, who is notified and whether to silence it, from summaries down.',
    arguments: [
      { name: 'alert', description: 'Alert name to start from (default: every current alert).' },
      { name: 'time_range', description: 'How far back, e.g. 1h (default 1h).' },
      { name: 'notes', description: 'What the user observed.' },
    ],
  })
  alertTriage(args: TriageArgs) {
    return alertTriagePrompt(args);
  }
}
