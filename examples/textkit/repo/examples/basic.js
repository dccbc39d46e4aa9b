const textkit = require('textkit');

const config = textkit.loadConfig('./textkit.json', { name: 'demo' });
const pipeline = textkit.createPipeline(config);
const result = pipeline.run('  Hello World  ');
textkit.printReport(result, {
  color: false, // plain output for logs
});
