'use strict';

/**
 * A pipeline of text steps, run in order.
 */
class Pipeline {
  /**
   * @param {{ name?: string }} [options]
   */
  constructor(options = {}) {
    this.name = options.name || 'pipeline';
    this.steps = [];
  }

  /**
   * Adds a step to the end of the pipeline.
   * @param {(text: string) => string} step
   * @returns {Pipeline}
   */
  use(step) {
    this.steps.push(step);
    return this;
  }

  /**
   * Runs every step on the input and returns the result with its history.
   * @param {string} input
   */
  run(input) {
    const history = [];
    let text = input;
    for (const step of this.steps) {
      text = step(text);
      history.push(text);
    }
    return { name: this.name, text, history };
  }

  /** Builds a pipeline from a list of steps. */
  static from(steps) {
    const p = new Pipeline();
    for (const s of steps) p.use(s);
    return p;
  }
}

module.exports = { Pipeline };
