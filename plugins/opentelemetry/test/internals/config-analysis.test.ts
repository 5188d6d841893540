// Config analysis finds the mistakes of a collector YAML and stays quiet on a sound one.
import { readFileSync } from 'node:fs';
import t from 'tap';
import { analyzeConfig, parseCollectorConfig } from '../../dist/src/config-analysis.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

t.test('a config with gaps', async (t) => {
  const a = analyzeConfig(parseCollectorConfig(fixture('collector-gaps.yaml')));
  const text = a.issues.map((i) => `${i.severity} ${i.pipeline ?? ''} ${i.message}`).join('\n');
  t.match(text, /error metrics references receiver prometheus, which is not defined/);
  t.match(text, /error\s+service.extensions references undefined extension oauth2client/);
  t.match(text, /warning traces memory_limiter should be the first processor/);
  t.match(text, /warning logs no memory_limiter/);
  t.match(text, /warning logs no batch processor/);
  t.match(text, /receiver zipkin is defined but used by no pipeline/);
  t.match(text, /extension pprof is defined but not listed/);
  t.match(text, /prometheusremotewrite has retry_on_failure disabled/);
  t.notMatch(text, /exporter debug/);
  t.same(a.signals.metrics, {
    pipelines: ['metrics'],
    receivers: ['otlp', 'prometheus'],
    exporters: ['prometheusremotewrite'],
  });
  t.equal(a.telemetry.metrics_level, 'detailed');
});

t.test('a sound config has no errors or warnings', async (t) => {
  const a = analyzeConfig(parseCollectorConfig(fixture('collector-good.yaml')));
  t.same(
    a.issues.filter((i) => i.severity !== 'info'),
    [],
  );
  t.same(a.pipelines[0].processors, ['memory_limiter', 'probabilistic_sampler', 'batch']);
});

t.test('bad YAML is a parse error with a position', async (t) => {
  t.throws(() => parseCollectorConfig('receivers: [otlp\nservice: {'), { name: 'ConfigParseError', message: /line 2/ });
  t.throws(() => parseCollectorConfig('- just\n- a list'), { message: /not a mapping/ });
});
