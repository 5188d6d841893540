import t from 'tap';
import { kibanaBackend, kibanaServer } from './helpers/backend.js';
t.test('smoke', async (t) => {
  const backend = await kibanaBackend();
  const mcp = await kibanaServer(backend);
  const names = await mcp.toolNames();
  t.equal(names.filter((n) => n.startsWith('kibana_')).length, 74);
  console.error('calling');
  const r = await mcp.call('kibana_get_status', {});
  console.error(r.text);
  const d = await mcp.call('kibana_create_dashboard', { title: 'x' });
  console.error(d.text);
  const del = await mcp.call('kibana_delete_dashboard', { dashboard_id: 'nope' });
  console.error(del.text);
  await mcp.close();
  await backend.close();
});
