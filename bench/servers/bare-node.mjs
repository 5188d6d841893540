// The start-up baseline: a bare node:http server answering GET /health.
import { createServer } from 'node:http';
import { portArgument } from './common.mjs';

createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ status: 'ok' }));
}).listen(portArgument(), '127.0.0.1');
