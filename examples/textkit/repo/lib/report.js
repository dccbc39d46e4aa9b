const pc = require('picocolors');

/**
 * Prints a pipeline result, step by step.
 * @param {{ name: string, text: string, history: string[] }} result
 */
function printReport(result, { color = true } = {}) {
  const title = color ? pc.bold(result.name) : result.name;
  console.log(title);
  result.history.forEach((h, i) => console.log(`  ${i + 1}. ${h}`));
}

module.exports = { printReport };
