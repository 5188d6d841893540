// The plugin's error table: SAMPLE_ERR_<WHAT>, each with a summary and a hint for the agent.
import { defineErrors } from '@cnmcp/core';

export const SampleErrors = defineErrors({
  SAMPLE_ERR_ITEM_NOT_FOUND: {
    summary: 'No item has this id on the backend.',
    hint: 'List the existing ids with sample_list_items.',
  },
  SAMPLE_ERR_UNEXPECTED_RESPONSE: {
    summary: 'The backend answered with a body this plugin does not understand.',
    hint: 'Check that the target URL points at the right service (sample.targets.<name>.url).',
  },
});
