// Fastify's schema compilers are built on first use: a server without schemas never loads ajv, and a route with
// schemas still validates its input and serialises its output with Fastify's own compilers.
import { createRequire } from 'node:module';
import Fastify from 'fastify';
import t from 'tap';
import { lazySchemaCompilers } from '../../dist/fastify/schema-compilers.js';

const fastifyRequire = createRequire(createRequire(import.meta.url).resolve('fastify'));
const ajvLoaded = () => Object.keys(fastifyRequire.cache).some((file) => /[\\/]ajv[\\/]/.test(file));

t.test('no schema, no compiler; a schema gets the default compilers', async (t) => {
  const plain = Fastify({ schemaController: lazySchemaCompilers() });
  plain.get('/health', async () => ({ status: 'ok' }));
  await plain.ready();
  t.equal((await plain.inject({ url: '/health' })).json().status, 'ok');
  await plain.close();
  if (ajvLoaded()) t.comment('ajv was already loaded by another test in this process');
  else t.pass('a server without schemas did not load ajv');

  const app = Fastify({ schemaController: lazySchemaCompilers() });
  app.post(
    '/echo',
    {
      schema: {
        body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
        response: { 200: { type: 'object', properties: { n: { type: 'integer' } } } },
      },
    },
    async (request) => ({ n: (request.body as { n: number }).n, dropped: 'by the serializer' }),
  );
  await app.ready();
  t.ok(ajvLoaded(), 'the validator compiler was built for the route');
  const bad = await app.inject({ method: 'POST', url: '/echo', payload: { n: 'x' } });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().message, /body\/n must be integer/);
  const good = await app.inject({ method: 'POST', url: '/echo', payload: { n: 3 } });
  t.same(good.json(), { n: 3 }, 'the response schema serialised the reply');
  await app.close();
});
