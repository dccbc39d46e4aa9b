#!/usr/bin/env node
'use strict';
const { spawnSync } = require('node:child_process');
const textkit = require('../lib');

const args = process.argv.slice(2);
const config = textkit.loadConfig(args[0] || 'textkit.json');
const pipeline = textkit.createPipeline(config);
let text = args[1] || '';
if (args.includes('--changed')) {
  // Run over the names of the files changed in the work tree.
  text = spawnSync('git', ['diff', '--name-only'], { encoding: 'utf8' }).stdout;
}
const result = pipeline.run(text);
textkit.printReport(result);
