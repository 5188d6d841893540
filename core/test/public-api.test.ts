// The public API as a list: what plugin authors get from @cnmcp/core, what embedders get from
// @cnmcp/core/server, what tests get from @cnmcp/core/testing. A change to any of them is a visible diff here.
import t from 'tap';
import * as root from '@cnmcp/core';
import * as server from '@cnmcp/core/server';
import * as testing from '@cnmcp/core/testing';

// Value exports only (types vanish at run time; the type exports are listed in src/index.ts next to these).
t.same(
  Object.keys(root).sort(),
  [
    'AddressGuard',
    'CnmcpError',
    'Prompt',
    'Resource',
    'Service',
    'Tool',
    'ToolGroup',
    'Type',
    'acceptedContent',
    'annotations',
    'backendMessage',
    'backendStatus',
    'coreError',
    'countBy',
    'defineErrors',
    'formatDuration',
    'inject',
    'inputRequired',
    'inputResponse',
    'isCnmcpError',
    'listPage',
    'niceStep',
    'ownValue',
    'parseDuration',
    'parseTime',
    'statusError',
    'tokens',
  ],
  '@cnmcp/core: the plugin author API (27 values + 17 types)',
);

t.same(
  Object.keys(server).sort(),
  ['CORE_VERSION', 'CoreErrors', 'REQUEST_STATE_KEY_ENV', 'createServer', 'loadConfig'],
  '@cnmcp/core/server: embedding',
);

t.same(
  Object.keys(testing).sort(),
  [
    'backendUrl',
    'findBinary',
    'freePort',
    'liveUrl',
    'requireBinary',
    'startEmulator',
    'startHttpTestServer',
    'startProcess',
    'startTestServer',
    'stopProcess',
    'testConfig',
    'waitFor',
  ],
  '@cnmcp/core/testing: the harness',
);
