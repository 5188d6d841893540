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

t.test(
  'text without anything a secret pattern needs is returned as it is; each pattern still masks alone',
  async (t) => {
    const plain = 'hello bench, nothing to see here';
    t.equal(r.text(plain), plain, 'the same string back');
    // each of these has only its own pattern's trigger (no `:`, `=` or `@` unless the pattern needs it)
    t.notMatch(r.text('send Bearer abcdef123456 please'), /abcdef123456/, 'an Authorization scheme alone');
    t.notMatch(r.text('BASIC dXNlcjpwYXNzd29yZA9 here'), /dXNlcjpwYXNzd29yZA9/, 'scheme names in any case');
    t.notMatch(r.text('jwt eyJhbGciOiJIUzI1.eyJzdWIiOiIx.c2lnbmF0dXJl end'), /eyJzdWIiOiIx/, 'a JWT alone');
    t.notMatch(
      r.text('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n-----END PRIVATE KEY-----'),
      /MIIEvQIBADANBgkq/,
      'a PEM private key alone',
    );
    t.notMatch(r.text('clone https://deploy:ghp_abc@example.com/x.git'), /ghp_abc/, 'URL userinfo');
    t.notMatch(r.text('password=hunter2'), /hunter2/, 'a key=value pair');
  },
);

t.test('key answers stay right however many keys are seen', async (t) => {
  const fresh = createRedactor();
  let wrong = 0;
  for (let i = 0; i < 2_500; i++) if (fresh.isSecretKey(`field${i}`)) wrong++;
  t.equal(wrong, 0, 'ordinary keys past the memo limit');
  t.equal(fresh.isSecretKey('apiKey'), true, 'after the memo was cleared');
  t.equal(fresh.isSecretKey('apiKey'), true, 'and when answered from it');
  t.equal(fresh.isSecretKey('nextToken'), false);
  t.notMatch(fresh.text('{"client_secret": "zzz999"}'), /zzz999/);
  t.notMatch(fresh.text('{"client_secret": "zzz999"}'), /zzz999/, 'the pair regexes reset between calls');
});
