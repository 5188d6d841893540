#!/usr/bin/env node
import { main } from 'create-cnmcp-plugin';
await main();
