export { AlertmanagerPlugin as default, AlertmanagerPlugin } from './plugin.js';
export { AlertmanagerConfigSchema, type AlertmanagerConfig } from './config.js';
export { AlertmanagerErrors } from './errors.js';
export { parseMatchers, parseMatcherText, matcherText, type Matcher } from './matchers.js';
