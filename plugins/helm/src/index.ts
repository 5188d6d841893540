export { HelmPlugin, HelmPlugin as default } from './plugin.js';
export { HelmConfigSchema, type HelmConfig } from './config.js';
export { HelmErrors } from './errors.js';
export { decodeReleasePayload, toRecord, type HelmRelease, type ReleaseRecord } from './release.js';
