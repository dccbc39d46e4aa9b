'use strict';
const http = require('node:http');
const { build } = require('./build');

/**
 * Build the site, then serve it and rebuild on every request.
 * @param {{ port: string }} opts
 */
async function startDevServer(opts) {
  const port = Number(opts.port);
  http.createServer((req, res) => {
    build({ out: 'dist' });
    res.end('ok');
  }).listen(port);
  return { port };
}

module.exports = { startDevServer };
