#!/usr/bin/env node
import { main } from '@cnmcp/core/cli';
await main();
