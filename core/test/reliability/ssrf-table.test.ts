// The SSRF table for both address families, on the one core guard every URL-taking tool uses: special-purpose
// addresses (IANA registries) and every IPv6 form carrying an IPv4 one are refused; public addresses are allowed.
import t from 'tap';
import { AddressGuard } from '@cnmcp/core';

const REFUSED = [
  '0.0.0.0',
  '0.1.2.3',
  '10.0.0.1',
  '100.64.0.1',
  '127.0.0.1',
  '127.255.255.254',
  '169.254.169.254',
  '172.16.0.1',
  '172.31.255.255',
  '192.0.0.1',
  '192.0.2.1',
  '192.168.1.1',
  '198.18.0.1',
  '198.51.100.1',
  '203.0.113.1',
  '224.0.0.1',
  '240.0.0.1',
  '255.255.255.255',
  '::',
  '::1',
  '::ffff:127.0.0.1',
  '::ffff:10.0.0.1',
  '::7f00:1',
  '2002:7f00:1::1',
  '2002:a00:1::1',
  '64:ff9b::7f00:1',
  '64:ff9b::a00:1',
  '64:ff9b:1::1',
  'fc00::1',
  'fd12:3456::1',
  'fe80::1',
  'fec0::1',
  '100::1',
  '2001:db8::1',
  'ff02::1',
];
const ALLOWED = [
  '1.1.1.1',
  '8.8.8.8',
  '93.184.215.14',
  '2606:4700:4700::1111',
  '2001:4860:4860::8888',
  '::ffff:8.8.8.8',
];

t.test('special-purpose addresses of both families are refused', async (t) => {
  const guard = new AddressGuard();
  for (const address of REFUSED) t.notOk(guard.isAllowed(address), `${address} refused`);
});

t.test('public addresses of both families are allowed', async (t) => {
  const guard = new AddressGuard();
  for (const address of ALLOWED) t.ok(guard.isAllowed(address), `${address} allowed`);
});

t.test('URLs: literals are judged the same way; credentials and other schemes are refused', async (t) => {
  const guard = new AddressGuard();
  for (const address of REFUSED) {
    const host = address.includes(':') ? `[${address}]` : address;
    t.throws(() => guard.checkUrl(`http://${host}/x`), { code: 'CNMCP_ERR_URL_FORBIDDEN' }, `http://${host}/`);
  }
  t.throws(() => guard.checkUrl('http://user:pw@8.8.8.8/'), { code: 'CNMCP_ERR_URL_INVALID' });
  t.throws(() => guard.checkUrl('file:///etc/passwd'), { code: 'CNMCP_ERR_URL_INVALID' });
  t.throws(() => guard.checkUrl('gopher://8.8.8.8/'), { code: 'CNMCP_ERR_URL_INVALID' });
  t.equal(guard.checkUrl('https://8.8.8.8/dns').hostname, '8.8.8.8');
});
