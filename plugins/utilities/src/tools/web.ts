// utilities_web_fetch: public web pages as text, behind the core's address guard.
import { Tool, ToolGroup, annotations, inject, tokens, type Static, type ToolContext } from '@cnmcp/core';
import type { UtilitiesConfig } from '../config.js';
import { UtilitiesErrors } from '../errors.js';
import { WebFetchInput } from '../schemas.js';
import { WebFetcher } from '../web-fetch.js';

@ToolGroup({
  name: 'web',
  title: 'Web fetch',
  description: 'Fetch a public web page as text (loopback, private and metadata addresses refused).',
  default: true,
  defaults: { annotations: annotations.read, timeoutMs: 125_000 },
})
export class WebTools {
  constructor(
    @inject(tokens.config) private readonly config: UtilitiesConfig,
    @inject(WebFetcher) private readonly fetcher: WebFetcher,
  ) {}

  @Tool({
    name: 'utilities_web_fetch',
    title: 'Fetch a web page',
    description:
      'GETs a public http(s) URL and returns its text (HTML reduced to text), cut at max_chars. Loopback, private, link-local and metadata addresses are refused.',
    input: WebFetchInput,
  })
  async webFetch(input: Static<typeof WebFetchInput>, ctx: ToolContext) {
    if (!this.config.webFetch.enabled) {
      throw UtilitiesErrors.create('UTILITIES_ERR_URL_FORBIDDEN', 'web fetch is turned off on this server', {
        hint: 'An operator can set utilities.webFetch.enabled: true.',
      });
    }
    const page = await this.fetcher.fetch(input.url, input.timeout * 1000, ctx.signal);
    const cut = page.text.length > input.max_chars;
    const body = cut ? page.text.slice(0, input.max_chars) : page.text;
    const header = `URL: ${page.url}\nStatus: ${page.status}\nContent-Type: ${page.contentType || 'unknown'}\n`;
    const note =
      cut || page.truncatedBytes
        ? `\n…[truncated: showed ${body.length} of ${page.truncatedBytes ? 'more than ' : ''}${page.text.length} characters; raise max_chars for more]`
        : '';
    return `${header}\n${body}${note}`;
  }
}
