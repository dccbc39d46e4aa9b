const fs = require('node:fs');

/**
 * Loads a JSON configuration file over the given defaults.
 * @param {string} file
 * @param {object} [defaults]
 */
function loadConfig(file, defaults = {}) {
  const text = fs.readFileSync(file, 'utf8');
  return { ...defaults, ...JSON.parse(text) };
}

module.exports = { loadConfig };
