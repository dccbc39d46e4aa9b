import { Pipeline, steps, printReport } from 'textkit';

const pipeline = Pipeline.from([steps.trim, steps.lowercase, steps.wordCount]);
const result = pipeline.run('The Quick Brown Fox');
printReport(result);
