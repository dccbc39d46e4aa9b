const { Pipeline, steps } = require('textkit');

// A step is any function from text to text.
function shout(text) {
  return text.toUpperCase() + '!';
}

const pipeline = new Pipeline({ name: 'shouty' }).use(steps.trim).use(shout);
console.log(pipeline.run(' hi ').text);
