import { defineErrors } from '@cnmcp/core';

export const UtilitiesErrors = defineErrors({
  UTILITIES_ERR_URL_INVALID: {
    summary: 'The url is not an absolute http(s) URL.',
    hint: 'Pass a full URL such as https://example.com/page.',
  },
  UTILITIES_ERR_URL_FORBIDDEN: {
    summary: 'The url resolves to a loopback, private, link-local or metadata address.',
    hint: 'Only public addresses are fetched; an operator can allow ranges with utilities.webFetch.allowCidrs.',
  },
  UTILITIES_ERR_FETCH_FAILED: {
    summary: 'The page could not be fetched (connection, TLS, too many redirects).',
    hint: 'Check the URL; try again later.',
  },
  UTILITIES_ERR_FORMAT_INVALID: {
    summary: 'The time format or unit is not understood.',
    hint: 'Use a Go layout such as 2006-01-02 15:04:05, or a name like RFC3339.',
  },
});
