'use strict';
const fs = require('node:fs');
const path = require('node:path');

/**
 * Create a new site folder from a starter template.
 * @param {string} dir folder to create
 * @param {{ template: string }} opts
 */
function initProject(dir, opts) {
  fs.mkdirSync(path.join(dir, 'pages'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'sitegen.json'), JSON.stringify({ template: opts.template }));
}

module.exports = { initProject };
