const { Pipeline } = require('./pipeline');
const { loadConfig } = require('./config');
const steps = require('./steps');
const { printReport } = require('./report');

/**
 * Creates a pipeline from a config object: one step per name in `config.steps`.
 */
function createPipeline(config) {
  const p = new Pipeline({ name: config.name });
  for (const name of config.steps || []) p.use(steps[name]);
  return p;
}

module.exports = { Pipeline, createPipeline, loadConfig, printReport, steps };
