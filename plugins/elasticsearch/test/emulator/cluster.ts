// The emulated cluster around the store: nodes, shard allocation (replicas need a second node, allocation
// filters can leave primaries unassigned), health per index and overall, and operation counters.
import { randomBytes } from 'node:crypto';
import type { estypes } from '@elastic/elasticsearch';
import type { DocumentStore, IndexState } from './store.js';

export interface EmulatedNode {
  id: string;
  name: string;
  ip: string;
  roles: estypes.NodeRoles;
}
export interface ShardCopy {
  index: string;
  shard: number;
  primary: boolean;
  node?: EmulatedNode;
}
export type Health = 'green' | 'yellow' | 'red';

export class Cluster {
  readonly name = 'emulator-cluster';
  readonly nodes: EmulatedNode[];
  readonly startedAt = Date.now();
  readonly counters = { searches: 0, searchMillis: 0, indexed: 0, deleted: 0 };

  constructor(
    readonly store: DocumentStore,
    readonly version: string,
    nodeCount = 1,
  ) {
    this.nodes = Array.from({ length: Math.max(1, nodeCount) }, (_, i) => ({
      id: randomBytes(16).toString('base64url').slice(0, 22),
      name: `es-node-${i}`,
      ip: '127.0.0.1',
      roles: i === 0 ? ['data', 'ingest', 'master', 'remote_cluster_client', 'transform'] : ['data', 'ingest'],
    }));
  }

  get major(): number {
    return Number(this.version.split('.')[0]);
  }

  /** Whether the emulated version has a feature that appeared in `since` (e.g. ES|QL in 8.11). */
  atLeast(since: string): boolean {
    const [a, b] = [this.version, since].map((v) => v.split('.').map(Number));
    for (let i = 0; i < 3; i++) if ((a![i] ?? 0) !== (b![i] ?? 0)) return (a![i] ?? 0) > (b![i] ?? 0);
    return true;
  }

  get master(): EmulatedNode {
    return this.nodes[0]!;
  }

  state(name: string): IndexState {
    return this.store.indexState(name);
  }

  /** Every shard copy of an index with the node it sits on (none when unassigned). */
  shards(name: string): ShardCopy[] {
    const s = this.state(name);
    const shards = Number(s.settings['index.number_of_shards'] ?? 1);
    const replicas = Number(s.settings['index.number_of_replicas'] ?? 1);
    const required = s.settings['index.routing.allocation.require._name'];
    const eligible = this.nodes.filter((n) => !required || n.name === required);
    const out: ShardCopy[] = [];
    for (let shard = 0; shard < shards; shard++) {
      const primaryNode = eligible[shard % Math.max(1, eligible.length)];
      out.push({ index: name, shard, primary: true, node: primaryNode });
      const others = eligible.filter((n) => n !== primaryNode);
      for (let r = 0; r < replicas; r++)
        out.push({ index: name, shard, primary: false, node: primaryNode ? others[r] : undefined });
    }
    return out;
  }

  indexHealth(name: string): Health {
    const copies = this.shards(name);
    if (copies.some((c) => c.primary && !c.node)) return 'red';
    return copies.some((c) => !c.node) ? 'yellow' : 'green';
  }

  health(indices = this.store.indices()): Health {
    const all = indices.map((i) => this.indexHealth(i));
    return all.includes('red') ? 'red' : all.includes('yellow') ? 'yellow' : 'green';
  }

  /** Approximate on-disk size: the JSON of every document plus a fixed per-index overhead. */
  sizeBytes(name: string): number {
    let bytes = 225;
    for (const d of this.state(name).docs.values()) bytes += JSON.stringify(d._source).length + 64;
    return bytes;
  }

  docCount(name: string): number {
    return this.state(name).docs.size;
  }

  isHidden(name: string): boolean {
    return name.startsWith('.') || this.state(name).settings['index.hidden'] === 'true';
  }
}
