// The utilities plugin: date and time, pauses, and a guarded web fetch, in three toolsets, with the helper usage prompt.
import { Prompt, Service, inject, type PluginLifecycle } from '@cnmcp/core';
import { UtilitiesConfigSchema } from './config.js';
import { helperUsagePrompt, type HelperArgs } from './prompts.js';
import { TimeTools } from './tools/time.js';
import { WaitTools } from './tools/wait.js';
import { WebTools } from './tools/web.js';
import { WebFetcher } from './web-fetch.js';

@Service({
  name: 'utilities',
  title: 'Utilities',
  description: 'Date and time, timestamps, pauses, and a guarded web fetch.',
  core: '^0.1.0',
  config: UtilitiesConfigSchema,
  tools: [TimeTools, WaitTools, WebTools],
  providers: [WebFetcher],
})
export class UtilitiesPlugin implements PluginLifecycle {
  constructor(@inject(WebFetcher) private readonly fetcher: WebFetcher) {}

  @Prompt({
    name: 'utilities_helper_usage',
    title: 'Use the helper tools',
    description: 'When and how to use the clock, pauses and web fetch during an investigation.',
    arguments: [
      { name: 'task', description: 'What the user wants done.' },
      { name: 'time_range', description: 'Time range the task is about, e.g. 1h.' },
      { name: 'notes', description: 'Anything else known.' },
    ],
  })
  helperUsage(args: HelperArgs) {
    return helperUsagePrompt(args);
  }

  async dispose(): Promise<void> {
    await this.fetcher.close();
  }
}
