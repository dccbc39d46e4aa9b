// Docstrings: cleaning as inspect.cleandoc does, first sentences, and parameter/return types in Google,
// NumPy and reST styles. `it.fails` marks a rule not followed yet (the test asserts it and fails today).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cleanDocstring, docParamTypes, firstSentence } from '../src/lang/python/docstring.js';

const hasPython = spawnSync('python3', ['-c', 'import inspect'], { encoding: 'utf8' }).status === 0;

describe('cleanDocstring', () => {
  it('strips quotes and prefixes, dedents, trims blank lines', () => {
    expect(cleanDocstring('"""Summary."""')).toBe('Summary.');
    expect(cleanDocstring("'''\n    Summary.\n\n    Details\n      more.\n    '''")).toBe('Summary.\n\nDetails\n  more.');
    expect(cleanDocstring('r"""Raw \\d+ pattern."""')).toBe('Raw \\d+ pattern.');
    expect(cleanDocstring('u"single"')).toBe('single');
    expect(cleanDocstring("'x'")).toBe('x');
  });

  it.skipIf(!hasPython)('agrees with inspect.cleandoc', () => {
    const cases = [
      '"""Summary.\n\n        Indented.\n    Less.\n    """',
      '"""\n\n  Leading blank lines.\n\n\n  """',
      "'''One line with trailing space.   '''",
      '"""First\n\tTabbed line\n\tAnother\n"""',
    ];
    for (const literal of cases) {
      const r = spawnSync('python3', ['-c', 'import ast, inspect, json, sys\nprint(json.dumps(inspect.cleandoc(ast.literal_eval(sys.stdin.read()))))'], { input: literal, encoding: 'utf8' });
      // Trailing spaces are dropped on purpose (inspect keeps them on the first line).
      const trimmed = (s: string) => s.split('\n').map((l) => l.trimEnd()).join('\n');
      expect(cleanDocstring(literal)).toBe(trimmed(JSON.parse(r.stdout)));
    }
  });

  it('decodes escapes in non-raw literals', () => {
    expect(cleanDocstring('"""Say \\"hi\\".\\n\\nNext."""')).toBe('Say "hi".\n\nNext.');
  });
});

describe('firstSentence', () => {
  it('takes the first sentence of the first paragraph, whitespace folded', () => {
    expect(firstSentence('Train the model. Then save it.')).toBe('Train the model.');
    expect(firstSentence('Train the\n    model on data.\n\nMore.')).toBe('Train the model on data.');
    expect(firstSentence('No full stop here\n\nSecond paragraph.')).toBe('No full stop here');
    expect(firstSentence('Version 1.5 is out. Yes.')).toBe('Version 1.5 is out.');
    expect(firstSentence('')).toBeUndefined();
    expect(firstSentence('   \n\n  ')).toBeUndefined();
  });

  it('is none when the docstring opens with a section (no summary to take)', () => {
    expect(firstSentence('\n\n    Args:\n        input_size: Target input size (channels, height, width) tuple or size scalar.\n')).toBeUndefined();
    expect(firstSentence(':param x: the input.\n:returns: the output.')).toBeUndefined();
    expect(firstSentence('Returns\n-------\nModel')).toBeUndefined();
    expect(firstSentence('Build a transform.\n\nArgs:\n    size: the size.')).toBe('Build a transform.');
  });

  it('skips a leading signature line', () => {
    expect(firstSentence('fit(x, y) -> Model\n\nTrain the model. More.')).toBe('Train the model.');
    expect(firstSentence('Model.fit(x)\n\nFit it.')).toBe('Fit it.');
  });

  it('skips a signature line followed directly by text', () => {
    expect(firstSentence('fit(x, y) -> Model\nTrain the model. More.')).toBe('Train the model.');
  });
});

describe('docParamTypes', () => {
  it('reads Google style', () => {
    const doc = [
      'Do it.',
      '',
      'Args:',
      '    x (int): The x.',
      '    y (Dict[str, int], optional): The y.',
      '        Continued.',
      '    z: Untyped.',
      '    *args: Extra.',
      '',
      'Returns:',
      '    torch.Tensor: The output.',
      '',
      'Raises:',
      '    ValueError: never.',
    ].join('\n');
    const t = docParamTypes(doc);
    expect(t.params.x).toEqual({ type: 'int', description: 'The x.' });
    expect(t.params.y.type).toBe('Dict[str, int]');
    expect(t.params.z).toEqual({ description: 'Untyped.' });
    expect(t.params.args).toEqual({ description: 'Extra.' });
    expect(t.params.ValueError).toBeUndefined();
    expect(t.returns).toEqual({ type: 'torch.Tensor', description: 'The output.' });
    expect(docParamTypes('Arguments:\n    a (str): A.\n').params.a.type).toBe('str');
    expect(docParamTypes('Parameters:\n    a (str): A.\n').params.a.type).toBe('str');
    expect(docParamTypes('Returns:\n    The fitted model, ready to use.\n').returns).toEqual({ description: 'The fitted model, ready to use.' });
  });

  it('reads NumPy style', () => {
    const doc = [
      'Do it.',
      '',
      'Parameters',
      '----------',
      'x : int',
      '    The x.',
      'flag : bool, optional',
      '    A flag.',
      '',
      'Returns',
      '-------',
      'Model',
      '    The fitted model.',
    ].join('\n');
    const t = docParamTypes(doc);
    expect(t.params.x).toEqual({ type: 'int', description: 'The x.' });
    expect(t.params.flag.type).toBe('bool');
    expect(t.returns?.type).toBe('Model');
  });

  it('reads reST fields', () => {
    const t = docParamTypes('Do it.\n\n:param x: The x.\n:param int y: The y.\n:type x: str\n:returns: The result.\n:rtype: bool\n');
    expect(t.params.x).toEqual({ type: 'str', description: 'The x.' });
    expect(t.params.y).toEqual({ type: 'int', description: 'The y.' });
    expect(t.returns).toEqual({ type: 'bool', description: 'The result.' });
  });

  it('gives nothing for prose', () => {
    expect(docParamTypes('Just a sentence.\n\nAnother one: with a colon.')).toEqual({ params: {} });
  });

  it('cleans Hugging Face style types and reads NumPy descriptions fully', () => {
    const google = docParamTypes('Args:\n    x (`int`, *optional*, defaults to 1):\n        The x.\n');
    expect(google.params.x).toEqual({ type: 'int', description: 'The x.' });
    const numpy = docParamTypes('Parameters\n----------\ny, z : float\n    Both.\n\nReturns\n-------\nModel\n    The fitted model.\n');
    expect(numpy.params.z?.type).toBe('float');
    expect(numpy.returns).toEqual({ type: 'Model', description: 'The fitted model.' });
  });
});
