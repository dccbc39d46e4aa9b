#!/usr/bin/env node
'use strict';
const { Command } = require('commander');
const { initProject } = require('../lib/init');
const { build } = require('../lib/build');
const { startDevServer } = require('../lib/dev');

const program = new Command();
program.name('sitegen').description('Static sites from Markdown folders');

program
  .command('init <dir>')
  .description('create a new site')
  .option('-t, --template <name>', 'starter template', 'blog')
  .action(initProject);

program
  .command('build')
  .option('-o, --out <dir>', 'output folder', 'dist')
  .option('--minify', 'minify the HTML')
  .action((opts) => build(opts));

const dev = program.command('dev').description('development server with reload');
dev.option('-p, --port <number>', 'port to listen on', '3000');
dev.action(async (opts) => {
  const server = await startDevServer(opts);
  console.log(`listening on http://localhost:${server.port}`);
});

program.command('deploy', 'publish the site (runs sitegen-deploy)');

program.parse();
