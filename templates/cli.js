#!/usr/bin/env node
import { main } from './dist/create.js';
await main();
