// The SSRF table for both address families: public addresses pass, special ones (and IPv6 forms carrying them) do not.
import t from 'tap';
import { AddressGuard } from '@cnmcp/core';

const guard = new AddressGuard();
const refused = [
  '127.0.0.1',
  '10.1.2.3',
  '172.16.0.1',
  '192.168.1.1',
  '169.254.169.254',
  '100.64.0.1',
  '0.0.0.0',
  '224.0.0.1',
  '::1',
  '::',
  'fe80::1',
  'fc00::1',
  'fd00::1',
  'fec0::1',
  '100::1',
  'ff02::1',
  '2001:db8::1',
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '::7f00:1',
  '::127.0.0.1',
  '2002:7f00:1::1',
  '2002:a00:1::1',
  '64:ff9b::7f00:1',
  '64:ff9b::a9fe:a9fe',
  '64:ff9b:1::a00:1',
];
const allowed = [
  '8.8.8.8',
  '1.1.1.1',
  '93.184.216.34',
  '2606:4700:4700::1111',
  '::ffff:8.8.8.8',
  '2002:808:808::1',
  '64:ff9b::808:808',
];

for (const address of refused) t.notOk(guard.isAllowed(address), `${address} is refused`);
for (const address of allowed) t.ok(guard.isAllowed(address), `${address} is allowed`);

t.test('allowCidrs lets an operator open one range', async (t) => {
  const open = new AddressGuard({ allowCidrs: ['10.0.0.0/8'] });
  t.ok(open.isAllowed('10.9.9.9'));
  t.notOk(open.isAllowed('192.168.0.1'));
});

t.test('URLs: scheme, credentials and special literals are refused with the core codes', async (t) => {
  t.throws(() => guard.checkUrl('file:///etc/passwd'), /scheme file: is not http or https/);
  t.throws(() => guard.checkUrl('http://user:pw@example.com/'), /credentials/);
  t.throws(() => guard.checkUrl('http://[::ffff:127.0.0.1]/'), { code: 'CNMCP_ERR_URL_FORBIDDEN' });
  t.throws(() => guard.checkUrl('not a url'), { code: 'CNMCP_ERR_URL_INVALID' });
  t.equal(guard.checkUrl('https://example.com/x').hostname, 'example.com');
});
