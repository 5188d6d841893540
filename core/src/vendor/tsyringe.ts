// The tsyringe values core's DI uses, bundled into one module by the build (scripts/bundle.mjs). Plugins reach the
// container through @cnmcp/core only, so this is the one copy.
export { container, instanceCachingFactory } from 'tsyringe';
