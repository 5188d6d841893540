// The Elasticsearch plugin: cluster, index, mapping and document-search tools on the official client.
import { Service, Prompt, inject, type PluginLifecycle } from '@cnmcp/core';
import { EsBackend, URL_ENV } from './backend.js';
import { ElasticsearchConfigSchema, ElasticsearchTargetExtras } from './config.js';
import { clusterDiagnosisPrompt } from './prompts.js';
import { ClusterTools } from './tools/cluster.js';
import { EssentialTools } from './tools/essentials.js';
import { IndexTools } from './tools/indices.js';
import { QueryTools } from './tools/query.js';
import { SearchTools } from './tools/search.js';

@Service({
  name: 'elasticsearch',
  title: 'Elasticsearch',
  description: 'Elasticsearch cluster health, indices, mappings and document search (query DSL, aggregations, ES|QL).',
  core: '^0.1.0',
  config: ElasticsearchConfigSchema,
  backend: { urlEnv: URL_ENV, health: { path: '/' }, targetSchema: ElasticsearchTargetExtras },
  tools: [EssentialTools, SearchTools, ClusterTools, IndexTools, QueryTools],
  providers: [EsBackend],
})
export class ElasticsearchPlugin implements PluginLifecycle {
  constructor(@inject(EsBackend) private readonly es: EsBackend) {}

  @Prompt({
    name: 'elasticsearch_cluster_diagnosis',
    title: 'Diagnose an Elasticsearch cluster',
    description: 'Step-by-step cluster diagnosis: health, shards, nodes, the index, recent data.',
    arguments: [
      { name: 'index', description: 'Index or pattern to focus on.' },
      { name: 'time_range', description: 'How far back to look, e.g. now-1h.' },
      { name: 'notes', description: 'Symptoms the user reported.' },
    ],
  })
  diagnosis(args: { index?: string; time_range?: string; notes?: string }) {
    return clusterDiagnosisPrompt(args);
  }

  async dispose(): Promise<void> {
    await this.es.dispose();
  }
}
