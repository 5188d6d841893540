// The backend's own error text, pulled out of the body shapes backends use.
import t from 'tap';
import { backendErrorText } from '../../src/http-client.js';

t.equal(
  backendErrorText('{"statusCode":404,"error":"Not Found","message":"Saved object [dashboard/x] not found"}'),
  'Saved object [dashboard/x] not found',
  'Boom-style: the message, not the reason phrase',
);
t.equal(
  backendErrorText('{"status":"error","errorType":"bad_data","error":"parse error at char 3"}'),
  'parse error at char 3',
);
t.equal(
  backendErrorText(
    '{"error":{"root_cause":[],"type":"index_not_found_exception","reason":"no such index [x]"},"status":404}',
  ),
  'no such index [x]',
);
t.equal(backendErrorText('{"message":"Dashboard not found"}'), 'Dashboard not found');
t.equal(backendErrorText('plain text\nfailure'), 'plain text failure');
