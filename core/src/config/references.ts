// Names the config refers to must exist: plugin ids in enabledServices/disabledServices, and the globs of
// enabledTools/disabledTools/toolsets.enabled must match something loaded. A typo is an error naming what
// is loaded (with the nearest name), never a server that quietly serves nothing.
import { closestName } from '../helpers/suggest.js';
import { globToRegExp } from '../tools/policy.js';
import type { Issue } from '../validation.js';

/** First-party plugin ids: a config may name them (sections, disabledServices) while they are not installed. */
export const FIRST_PARTY_PLUGIN_IDS = [
  'kubernetes',
  'helm',
  'grafana',
  'prometheus',
  'kibana',
  'elasticsearch',
  'alertmanager',
  'jaeger',
  'opentelemetry',
  'utilities',
];

const isWildcard = (pattern: string) => /^\*+$/.test(pattern);
const matchesAny = (pattern: string, names: string[]) => {
  const re = globToRegExp(pattern);
  return names.some((name) => re.test(name));
};
const listed = (names: string[]) => (names.length ? names.join(', ') : 'none');

/**
 * enabledServices entries must name a plugin that was found; disabledServices entries too, except first-party
 * ids (a shared config may disable a plugin one deployment does not install): those come back as warnings.
 */
export function serviceIdIssues(
  config: { enabledServices?: string[]; disabledServices?: string[] },
  foundIds: string[],
): { errors: Issue[]; warnings: string[] } {
  const errors: Issue[] = [];
  const warnings: string[] = [];
  for (const key of ['enabledServices', 'disabledServices'] as const) {
    (config[key] ?? []).forEach((id, index) => {
      if (isWildcard(id) || matchesAny(id, foundIds)) return;
      if (key === 'disabledServices' && FIRST_PARTY_PLUGIN_IDS.includes(id)) {
        warnings.push(`disabledServices names '${id}', which is not installed`);
        return;
      }
      errors.push({
        path: `${key}[${index}]`,
        value: id,
        message: `is not the id of an installed plugin (found: ${listed(foundIds)})`,
        suggestion: closestName(id, foundIds),
      });
    });
  }
  return { errors, warnings };
}

/**
 * Every glob of enabledTools/disabledTools must match a tool, and every toolsets.enabled glob a toolset, of the
 * loaded plugins. A glob aimed at a plugin that is not loaded (`kubernetes_*` with kubernetes disabled or not
 * installed) is a warning only.
 */
export function toolGlobIssues(
  config: { enabledTools?: string[]; disabledTools?: string[]; toolsets?: { enabled?: string[] } },
  loaded: { tools: string[]; toolsets: string[]; pluginIds: string[]; otherIds: string[] },
): { errors: Issue[]; warnings: string[] } {
  const errors: Issue[] = [];
  const warnings: string[] = [];
  const check = (path: string, patterns: string[] | undefined, names: string[], separator: string, what: string) => {
    (patterns ?? []).forEach((pattern, index) => {
      if (isWildcard(pattern) || matchesAny(pattern, names)) return;
      const plugin = pattern.split(separator)[0];
      if (!loaded.pluginIds.includes(plugin) && loaded.otherIds.includes(plugin)) {
        warnings.push(`${path} '${pattern}' matches nothing: the ${plugin} plugin is not loaded`);
        return;
      }
      // the loaded plugin's own names when the glob names one, else everything (cut)
      const own = names.filter((name) => name.startsWith(`${plugin}${separator}`));
      const pool = own.length ? own : names;
      const shown = pool.length > 12 ? `${pool.slice(0, 12).join(', ')}, … (${pool.length} in all)` : listed(pool);
      errors.push({
        path: `${path}[${index}]`,
        value: pattern,
        message: `matches no ${what} of the loaded plugins (${listed(loaded.pluginIds)}; ${what}s: ${shown})`,
        suggestion: closestName(pattern, names),
      });
    });
  };
  check('enabledTools', config.enabledTools, loaded.tools, '_', 'tool');
  check('disabledTools', config.disabledTools, loaded.tools, '_', 'tool');
  check('toolsets.enabled', config.toolsets?.enabled, loaded.toolsets, '/', 'toolset');
  return { errors, warnings };
}
