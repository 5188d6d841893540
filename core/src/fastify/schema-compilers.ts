// Fastify builds its JSON-schema compilers (ajv and fast-json-stringify, about 100 modules) when the server is
// created, whether any route has a schema or not. cnmcp's routes have none: Fastify's own compilers are built on
// first use instead, so they cost nothing at start-up.
import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

/** @fastify/ajv-compiler's and @fastify/fast-json-stringify-compiler's factory: (schemas, options) => compiler. */
type CompilerFactory = (externalSchemas: unknown, options: unknown) => unknown;

// Resolved from Fastify itself: they are its dependencies, not ours.
const fromFastify = (name: string) =>
  createRequire(createRequire(import.meta.url).resolve('fastify'))(name) as () => CompilerFactory;

/** Fastify's default schema compilers, each required on its first use. */
export function lazySchemaCompilers(): NonNullable<FastifyServerOptions['schemaController']> {
  let validator: CompilerFactory | undefined;
  let serializer: CompilerFactory | undefined;
  const buildValidator: CompilerFactory = (schemas, options) =>
    (validator ??= fromFastify('@fastify/ajv-compiler')())(schemas, options);
  const buildSerializer: CompilerFactory = (schemas, options) =>
    (serializer ??= fromFastify('@fastify/fast-json-stringify-compiler')())(schemas, options);
  return { compilersFactory: { buildValidator, buildSerializer } } as NonNullable<
    FastifyServerOptions['schemaController']
  >;
}
