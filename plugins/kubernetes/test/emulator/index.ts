// The Kubernetes API server emulator, for this plugin's tests and for other plugins that talk to a cluster.
export {
  startKubeEmulator,
  type KubeEmulator,
  type KubeEmulatorOptions,
  type RecordedRequest,
  type Fault,
  type UserRule,
  type ExecHandler,
  type ExecResult,
  defaultExec,
} from './server.js';
export { defaultObjects, defaultLogs, makePod, type PodSpecOptions } from './fixtures.js';
export { makeCertificates, type TestCertificates } from './certs.js';
export type { ResourceDef } from './resources.js';
export { decodeKubeProtobuf, encodeKubeProtobuf } from './protobuf.js';
