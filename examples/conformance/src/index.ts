export { ConformancePlugin, ConformancePlugin as default } from './plugin.js';
