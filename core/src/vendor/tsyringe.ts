// The tsyringe values core's DI uses, bundled into one module by the build (scripts/bundle.mjs). Plugins reach the
// container through @cnmcp/core only, so this is the one copy.
// With the Reflect metadata polyfill the decorators need, installed when this module is first imported (before any
// plugin class is decorated): bundled, it is not one more CommonJS module whose exports Node must scan.
import 'reflect-metadata';

export { container, instanceCachingFactory } from 'tsyringe';
