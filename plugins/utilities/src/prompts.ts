// How to use the helper tools well: times before windows, pauses between checks, fetches of public docs only.
export interface HelperArgs {
  task?: string;
  time_range?: string;
  notes?: string;
}

export function helperUsagePrompt(args: HelperArgs): string {
  return [
    `Use the utilities for ${args.task ? `this task: ${args.task}` : 'the task at hand'}${args.time_range ? ` (time range ${args.time_range})` : ''}.`,
    ...(args.notes ? [`Already known: ${args.notes}`] : []),
    '',
    '- Read the clock first: utilities_get_time (format RFC3339 or a Go layout, timezone) or utilities_get_date gives "now" before you compute a window such as now-1h for other tools; utilities_get_timestamp gives Unix seconds or milliseconds for APIs that want them.',
    '- Wait between checks instead of polling in a loop: utilities_pause seconds=30 or utilities_sleep duration=2 unit=minutes (at most 5 minutes, cancellable); then re-read the state with the tool that showed it, to verify a change took effect.',
    '- Read documentation, status pages or runbooks with utilities_web_fetch url=… max_chars=… (public http(s) only; loopback, private and metadata addresses are refused). Ask for a small max_chars first and more only when needed.',
    '- These tools change nothing. Before any write a page suggests, show the user what you would do and ask.',
  ].join('\n');
}
