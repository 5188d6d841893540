// Names: what create-cnmcp-plugin derives from what the user typed, and what it refuses (with a fix).
import t from 'tap';
import { deriveNames, UsageError } from '../src/create.js';

t.test('a hyphenated name maps to an id without hyphens', async (t) => {
  t.same(deriveNames('acme-widgets'), {
    base: 'acme-widgets',
    packageName: 'cnmcp-plugin-acme-widgets',
    id: 'acmewidgets',
    pascal: 'AcmeWidgets',
    upper: 'ACMEWIDGETS',
  });
  t.equal(
    deriveNames('cnmcp-plugin-acme-widgets').packageName,
    'cnmcp-plugin-acme-widgets',
    'the prefix is not doubled',
  );
  t.equal(deriveNames('widgets2').id, 'widgets2');
});

t.test('scopes: --scope, or in the name', async (t) => {
  t.equal(deriveNames('widgets', { scope: '@acme' }).packageName, '@acme/cnmcp-plugin-widgets');
  t.equal(deriveNames('widgets', { scope: 'acme' }).packageName, '@acme/cnmcp-plugin-widgets');
  t.equal(deriveNames('@acme/cnmcp-plugin-widgets').packageName, '@acme/cnmcp-plugin-widgets');
  t.throws(() => deriveNames('widgets', { scope: '@Acme!' }), /not a valid npm scope/);
  t.throws(() => deriveNames('@acme/widgets', { scope: '@other' }), /scope/);
});

t.test('--id overrides the derived id and is checked like the core checks it', async (t) => {
  t.equal(deriveNames('acme-widgets', { id: 'widgets' }).id, 'widgets');
  t.throws(() => deriveNames('acme-widgets', { id: 'acme_widgets' }), /--id "acme_widgets" does not match/);
});

t.test('bad names are refused with a suggested fix', async (t) => {
  const cases: Array<[string, RegExp]> = [
    ['Acme-Widgets', /create-cnmcp-plugin acme-widgets/],
    ['acme_widgets', /create-cnmcp-plugin acme-widgets/],
    ['9lives', /create-cnmcp-plugin lives/],
    ['acme--widgets', /create-cnmcp-plugin acme-widgets/],
    ['acme widgets', /create-cnmcp-plugin acme-widgets/],
  ];
  for (const [name, hint] of cases) {
    const err = t.throws(() => deriveNames(name)) as UsageError;
    t.ok(err instanceof UsageError, name);
    t.match(err.message, /not allowed/, name);
    t.match(err.hint, hint, name);
  }
  const long = t.throws(() => deriveNames('a-very-long-plugin-name-that-goes-on-and-on')) as UsageError;
  t.match(long.message, /plugin id "averylongpluginnamethatgoesonandon".*at most 32/);
  t.match(long.hint, /--id averylongpluginnamethatgoesonand/);
  t.throws(() => deriveNames(''), /a plugin name is required/);
});
