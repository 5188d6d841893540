// Query toolset: ES|QL (version-checked) and single documents by id.
import { ToolGroup, Tool, inject, annotations, type Static, type ToolContext } from '@cnmcp/core';
import { EsBackend } from '../backend.js';
import { withDefaults } from '../defaults.js';
import { ElasticsearchErrors } from '../errors.js';
import { compactHit, fitItems } from '../shape.js';
import { EsqlInput, GetDocumentInput } from '../schemas.js';

@ToolGroup({
  name: 'query',
  title: 'ES|QL and documents',
  description: 'Run ES|QL queries (Elasticsearch 8.11+) and fetch documents by id.',
  default: false,
  defaults: { annotations: annotations.read },
})
export class QueryTools {
  constructor(@inject(EsBackend) private readonly es: EsBackend) {}

  @Tool({
    name: 'elasticsearch_esql',
    title: 'ES|QL query',
    description: 'Run an ES|QL query (Elasticsearch 8.11+); rows capped by limit and the result budget.',
    input: EsqlInput,
  })
  async esql(raw: Static<typeof EsqlInput>, ctx: ToolContext) {
    const input = withDefaults(EsqlInput, raw, ['limit']);
    const conn = this.es.connection(ctx);
    const v = await conn.clusterVersion(ctx.signal);
    if (v.major < 8 || (v.major === 8 && v.minor < 11)) {
      throw ElasticsearchErrors.create(
        'ES_ERR_UNSUPPORTED_VERSION',
        `ES|QL needs Elasticsearch 8.11 or later; the cluster runs ${v.number}`,
      );
    }
    if (!this.es.settings.allowScripts && /\|\s*(EVAL|ENRICH)\b[^|]*\bscript/i.test(input.query)) {
      throw ElasticsearchErrors.create(
        'ES_ERR_SCRIPTS_DISABLED',
        'the ES|QL query uses a script; scripts are disabled',
      );
    }
    const res = await conn.call((c) => c.esql.query({ query: input.query }, { signal: ctx.signal }), ctx.signal);
    const rows = res.values.slice(0, input.limit);
    const frame = (kept: unknown[]) => ({
      columns: res.columns.map((c) => ({ name: c.name, type: c.type })),
      total_rows: res.values.length,
      returned: kept.length,
      rows: kept,
    });
    const kept = fitItems(rows, ctx.resultBudgetBytes - 300, frame);
    const out: Record<string, unknown> = frame(rows.slice(0, kept));
    if (kept < res.values.length)
      out.truncated = `${res.values.length - kept} rows left out; add LIMIT, KEEP fewer columns or STATS to summarise`;
    if (res.is_partial) out.warnings = ['ES|QL returned partial results'];
    return out;
  }

  @Tool({
    name: 'elasticsearch_get_document',
    title: 'Get document',
    description: 'One document by index and id.',
    input: GetDocumentInput,
  })
  async getDocument(input: Static<typeof GetDocumentInput>, ctx: ToolContext) {
    const res = await this.es
      .connection(ctx)
      .call(
        (c) => c.get<unknown>({ index: input.index, id: input.id }, { signal: ctx.signal, ignore: [404] }),
        ctx.signal,
      );
    if (!res.found)
      throw ElasticsearchErrors.create(
        'ES_ERR_DOCUMENT_NOT_FOUND',
        `no document with id '${input.id}' in ${input.index}`,
      );
    return { ...compactHit({ _index: res._index, _id: res._id, _source: res._source }), _version: res._version };
  }
}
