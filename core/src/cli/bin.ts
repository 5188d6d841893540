#!/usr/bin/env node
// The `cnmcp` command as installed with @cnmcp/core (plugin authors outside this repository use it too).
import { main } from './index.js';

await main();
