// The redactor masks credentials but leaves pagination cursors readable.
import t from 'tap';
import { createRedactor } from '../../src/fastify/redact.js';

const r = createRedactor();

t.test('secret keys are masked in values and in text', async (t) => {
  const masked = r.value({ password: 'p', nested: { apiKey: 'k', token: 't' }, name: 'x' }) as Record<string, unknown>;
  t.not(masked.password, 'p');
  t.not((masked.nested as Record<string, unknown>).apiKey, 'k');
  t.equal(masked.name, 'x');
  t.notMatch(r.text('{"token": "abc123", "user": "me"}'), /abc123/);
  t.match(r.text('{"token": "abc123", "user": "me"}'), /"user": "me"/);
});

t.test('pagination cursors stay readable', async (t) => {
  const value = r.value({ continueToken: 'eyJ2IjoxfQ', nextToken: 'n1', items: [] }) as Record<string, unknown>;
  t.equal(value.continueToken, 'eyJ2IjoxfQ');
  t.equal(value.nextToken, 'n1');
  t.match(r.text('{"continueToken": "eyJ2IjoxfQ", "token": "s3cret"}'), /"continueToken": "eyJ2IjoxfQ"/);
  t.notMatch(r.text('{"continueToken": "eyJ2IjoxfQ", "token": "s3cret"}'), /s3cret/);
});
