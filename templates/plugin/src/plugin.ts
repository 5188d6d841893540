import {
  Service,
  Tool,
  Targets,
  inject,
  tokens,
  type HttpClientFactory,
  type Logger,
  type PluginLifecycle,
  type Static,
  type ToolContext,
} from '@cnmcp/core';
import { SampleConfigSchema, type SampleConfig } from './config.js';
import { SampleErrors } from './errors.js';
import { GetItemInput, ListItemsInput, type Item } from './schemas.js';

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

@Service({
  name: 'sample',
  title: 'Sample',
  description: 'Lists and reads items of a Sample backend over its HTTP API.',
  core: '^0.1.0',
  config: SampleConfigSchema,
})
export class SamplePlugin implements PluginLifecycle {
  private readonly targets: Targets;

  constructor(
    @inject(tokens.config) private readonly config: SampleConfig,
    @inject(tokens.http) http: HttpClientFactory,
    @inject(tokens.logger) private readonly log: Logger,
  ) {
    // SAMPLE_URL, when set, defines a target named `default`.
    this.targets = new Targets({ pluginId: 'sample', config, http, urlEnv: 'SAMPLE_URL' });
  }

  @Tool({
    name: 'sample_list_items',
    title: 'List items',
    description: 'Lists the items of the backend, newest first, optionally only those with a status.',
    input: ListItemsInput,
    annotations: READ_ONLY,
    cacheTtl: 10,
  })
  async listItems(input: Static<typeof ListItemsInput>, ctx: ToolContext) {
    const limit = Math.min(input.limit, this.config.maxItems);
    const body = await this.targets
      .client(input.target)
      .get<{ items?: Item[]; total?: number }>(
        '/api/v1/items',
        { status: input.status, limit },
        { signal: ctx.signal },
      );
    if (!Array.isArray(body?.items)) {
      throw SampleErrors.create('SAMPLE_ERR_UNEXPECTED_RESPONSE', 'GET /api/v1/items returned no items array');
    }
    const items = body.items.slice(0, limit);
    return {
      items,
      returned: items.length,
      total: body.total ?? items.length,
      truncated: (body.total ?? items.length) > items.length,
    };
  }

  @Tool({
    name: 'sample_get_item',
    title: 'Get an item',
    description: 'Reads one item by its id.',
    input: GetItemInput,
    annotations: READ_ONLY,
  })
  async getItem(input: Static<typeof GetItemInput>, ctx: ToolContext) {
    const client = this.targets.client(input.target);
    const res = await client.request<Item>({
      path: `/api/v1/items/${encodeURIComponent(input.id)}`,
      acceptStatus: [404],
      signal: ctx.signal,
    });
    if (res.status === 404) {
      throw SampleErrors.create(
        'SAMPLE_ERR_ITEM_NOT_FOUND',
        `item ${JSON.stringify(input.id)} does not exist on target '${client.targetName}'`,
      );
    }
    return res.body;
  }

  /** Probed at start, every server.healthIntervalMs and on GET /ready. */
  async healthCheck() {
    if (!this.targets.isConfigured())
      return { status: 'not_configured' as const, detail: 'set sample.targets.<name>.url or SAMPLE_URL' };
    await this.targets.client().get('/healthz', undefined, { responseType: 'text' });
    this.log.debug('backend healthy');
    return { status: 'ok' as const };
  }
}
