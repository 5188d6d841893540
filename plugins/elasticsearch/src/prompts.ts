// The cluster diagnosis prompt: the order in which an agent should look, and which tool answers what.
export function clusterDiagnosisPrompt(args: { index?: string; time_range?: string; notes?: string }): string {
  const index = args.index?.trim();
  const range = args.time_range?.trim() || 'now-1h';
  const steps = [
    '1. elasticsearch_cluster_health_summary with includeIndices: true — status, unassigned shards and the stated problems.',
    '2. If not green: elasticsearch_cat view "shards" (columns index,shard,prirep,state,node,unassigned.reason) for what is unassigned and why; elasticsearch_cat view "allocation" for disk per node.',
    '3. elasticsearch_nodes_summary with includeMetrics: true — heap above 85%, CPU, load or disk above the 85/90% watermarks explain slow or refused writes.',
    index
      ? `4. elasticsearch_index_stats and elasticsearch_get_index_detail_advanced for ${index} (shards, replicas, size, search and indexing counters).`
      : '4. elasticsearch_indices_summary — which indices are red/yellow and which are largest.',
    index
      ? `5. elasticsearch_search on ${index} with from: "${range}", size: 5 and aggs {"over_time":{"date_histogram":{"field":"@timestamp","fixed_interval":"5m"}}} to see whether data still arrives; add a query such as level:error for errors.`
      : `5. To check that data still arrives, elasticsearch_count on the busiest index with from: "${range}".`,
    '6. Conclude: the cause, the evidence (tool results), and the fix (settings to change, nodes to add, indices to clean up). Do not change anything without the user.',
  ];
  return [
    `Diagnose the Elasticsearch cluster${index ? `, focusing on ${index}` : ''}, over ${range}.`,
    args.notes?.trim() ? `Reported symptoms: ${args.notes.trim()}` : '',
    'Work through these steps, stopping early when the cause is clear:',
    ...steps,
  ]
    .filter(Boolean)
    .join('\n');
}
