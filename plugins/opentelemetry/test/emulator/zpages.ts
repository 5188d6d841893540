// zpages HTML (extension/zpagesextension): servicez, pipelinez and extensionz, small tables like the
// collector's templates render.

export interface PipelineSpec {
  receivers: string[];
  processors: string[];
  exporters: string[];
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<link rel="shortcut icon" href="https://opentelemetry.io/favicon.png"></head>
<body><h1>${esc(title)}</h1>
${body}
</body></html>
`;
}

export function servicez(o: { version: string; startedAt: number; pipelines: string[]; extensions: string[] }): string {
  const props: Array<[string, string]> = [
    ['Command', 'otelcol-contrib'],
    ['Description', 'OpenTelemetry Collector Contrib'],
    ['Version', o.version],
    ['Start time', new Date(o.startedAt).toISOString()],
    ['Uptime', `${Math.round((Date.now() - o.startedAt) / 1000)}s`],
  ];
  return page(
    'Service',
    `<h2>Build And Runtime</h2>
<table>
${props.map(([k, v]) => `<tr><td><b>${esc(k)}</b></td><td>${esc(v)}</td></tr>`).join('\n')}
</table>
<h2>Pipelines</h2>
<a href="pipelinez">Pipelines</a> (${o.pipelines.length})
<h2>Extensions</h2>
<a href="extensionz">Extensions</a> (${o.extensions.length})
<h2>Features</h2>
<a href="featurez">Feature Gates</a>`,
  );
}

const link = (kind: string, pipeline: string, name: string) =>
  `<a href="pipelinez?pipelinenamez=${encodeURIComponent(pipeline)}&componentnamez=${encodeURIComponent(name)}&componentkindz=${kind}">${esc(name)}</a>`;

export function pipelinez(pipelines: Record<string, PipelineSpec>): string {
  const rows = Object.entries(pipelines).map(([name, p]) => {
    const signal = name.split('/')[0];
    return `<tr>
  <td>${esc(name)}</td>
  <td>${esc(signal)}</td>
  <td>${p.processors.some((x) => /^(attributes|transform|resource|filter)/.test(x))}</td>
  <td>${p.receivers.map((r) => link('receiver', name, r)).join('<br>')}</td>
  <td>${p.processors.map((r) => link('processor', name, r)).join(' &rarr;<br>')}</td>
  <td>${p.exporters.map((r) => link('exporter', name, r)).join('<br>')}</td>
</tr>`;
  });
  return page(
    'Pipelines',
    `<table>
<tr><th>FullName</th><th>InputType</th><th>MutatesData</th><th>Receivers</th><th>Processors</th><th>Exporters</th></tr>
${rows.join('\n')}
</table>`,
  );
}

export function extensionz(extensions: string[]): string {
  return page(
    'Extensions',
    `<table>
<tr><th>FullName</th></tr>
${extensions.map((e) => `<tr><td><a href="extensionz?extensionnamez=${encodeURIComponent(e)}">${esc(e)}</a></td></tr>`).join('\n')}
</table>`,
  );
}
