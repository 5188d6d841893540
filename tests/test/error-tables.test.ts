// Each first-party plugin's error table: its exact number of codes (a change is a visible diff), the naming rule,
// and every code documented in the plugin's README. The core's own table is pinned in core/test/errors.test.ts.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const TABLES: Record<string, [string, number]> = {
  alertmanager: ['AlertmanagerErrors', 7],
  elasticsearch: ['ElasticsearchErrors', 7],
  grafana: ['GrafanaErrors', 22],
  helm: ['HelmErrors', 17],
  jaeger: ['JaegerErrors', 4],
  kibana: ['KibanaErrors', 10],
  kubernetes: ['KubeErrors', 11],
  opentelemetry: ['OtelErrors', 5],
  prometheus: ['PrometheusErrors', 5],
  utilities: ['UtilitiesErrors', 4],
};

for (const [id, [name, count]] of Object.entries(TABLES)) {
  t.test(`${id}: ${name}`, async (t) => {
    const mod = (await import(`@cnmcp/plugin-${id}`)) as Record<string, { specs?: Record<string, unknown> }>;
    const codes = Object.keys(mod[name]?.specs ?? {});
    t.equal(codes.length, count, `${name} has exactly ${count} codes`);
    const readme = readFileSync(
      join(dirname(require.resolve(`@cnmcp/plugin-${id}/package.json`)), 'README.md'),
      'utf8',
    );
    for (const code of codes) {
      t.match(code, /^[A-Z][A-Z0-9]*_ERR_[A-Z0-9_]+$/, `${code} follows <PREFIX>_ERR_<WHAT>`);
      t.ok(readme.includes(code), `${code} is documented in the ${id} README`);
    }
  });
}
