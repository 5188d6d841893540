// What a drain does with each pod on the node (kubectl drain's rules), and lists capped with their totals so a
// node with thousands of pods still gets whole JSON.
import type { Obj } from './client.js';

export interface DrainPlan {
  skipped: Obj[];
  refused: Obj[];
  toEvict: Obj[];
}

export const podId = (p: Obj) => `${p.metadata.namespace}/${p.metadata.name}`;

/** Sorts the node's pods into evict, skip (mirror, DaemonSet with ignoreDaemonsets) and refuse (with the fix). */
export function planDrain(
  pods: Obj[],
  opts: { ignoreDaemonsets: boolean; force: boolean; deleteEmptyDir: boolean },
  nsVisible: (ns: string) => boolean,
): DrainPlan {
  const plan: DrainPlan = { skipped: [], refused: [], toEvict: [] };
  for (const p of pods) {
    const id = podId(p);
    const ctrl = (p.metadata.ownerReferences ?? []).find((o: Obj) => o.controller);
    if (p.metadata.annotations?.['kubernetes.io/config.mirror']) {
      plan.skipped.push({ pod: id, reason: 'mirror (static) pod' });
    } else if (['Succeeded', 'Failed'].includes(p.status?.phase)) {
      plan.toEvict.push(p);
    } else if (ctrl?.kind === 'DaemonSet') {
      if (opts.ignoreDaemonsets) plan.skipped.push({ pod: id, reason: 'DaemonSet-managed' });
      else plan.refused.push({ pod: id, reason: 'DaemonSet-managed (pass ignoreDaemonsets: true)' });
    } else if (!nsVisible(p.metadata.namespace)) {
      plan.refused.push({ pod: id, reason: 'namespace not reachable through this server' });
    } else if (!ctrl && !opts.force) {
      plan.refused.push({
        pod: id,
        reason: 'not managed by a controller (pass force: true; it will not be recreated)',
      });
    } else if ((p.spec?.volumes ?? []).some((v: Obj) => v.emptyDir) && !opts.deleteEmptyDir) {
      plan.refused.push({ pod: id, reason: 'uses emptyDir (pass deleteEmptyDir: true; its data is lost)' });
    } else plan.toEvict.push(p);
  }
  return plan;
}

/** The refused pods in one short sentence: the first ten and how many more. */
export function refusedText(refused: Obj[]): string {
  const shown = refused
    .slice(0, 10)
    .map((x) => `${x.pod}: ${x.reason}`)
    .join('; ');
  const more = refused.length > 10 ? `; … and ${refused.length - 10} more of ${refused.length} refused pods` : '';
  return shown + more;
}

/** `{ key: list[0..max] }`, plus `keyTotal` and `keyNote` when the list was longer. */
export function capped<T>(key: string, list: T[], max = 100): Obj {
  return {
    [key]: list.slice(0, max),
    ...(list.length > max ? { [`${key}Total`]: list.length, [`${key}Note`]: `showing ${max} of ${list.length}` } : {}),
  };
}
