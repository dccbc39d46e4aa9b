// What the README's prose names (group/mentions.ts): terms written as terms, APIs in code spans, never
// what only a code block shows.
import { describe, expect, it } from 'vitest';
import { featureOf, mentionOf, readmeTerms } from '../src/group/mentions.js';

const README = [
  '# acme',
  '',
  'Train with GRPO or DPO, export to GGUF, and add LoRA adapters. Use `notebook_launcher` from a notebook.',
  '',
  '```python',
  'from acme import SecretTrainer, KTOTrainer',
  'KTOTrainer(model).train()',
  '```',
  '',
  'The Trainer is fast. See [the guide](docs/RLHF_GUIDE.md).',
].join('\n');

describe('readmeTerms and mentionOf', () => {
  const t = readmeTerms(README);
  it('names a part of an API that the prose writes as a term', () => {
    expect(mentionOf('GRPOTrainer', t)).toBe('GRPO');
    expect(mentionOf('model.save_pretrained_gguf', t)).toBe('GGUF');
    expect(mentionOf('add_lora_adapter', t)).toBe('LoRA');
  });
  it('names an API written in a code span, by its last dotted part, a class method by its class', () => {
    expect(mentionOf('accelerate.notebook_launcher', t)).toBe('`notebook_launcher`');
    expect(mentionOf('pipe.notebook_launcher', t)).toBe('`notebook_launcher`');
    expect(mentionOf('SecretTrainer.notebook_launcher', t)).toBeUndefined();
    expect(mentionOf('GRPOTrainer.from_pretrained', t)).toBe('GRPO');
  });
  it('does not count code blocks, link targets, ordinary words or capitalised sentence starts', () => {
    expect(mentionOf('KTOTrainer', t)).toBeUndefined();
    expect(mentionOf('SecretTrainer', t)).toBeUndefined();
    expect(mentionOf('rlhf_guide_loader', t)).toBeUndefined();
    expect(mentionOf('Trainer', t)).toBeUndefined();
    expect(mentionOf('train', t)).toBeUndefined();
  });
  it('leaves out every line of every fenced block, empty and unclosed ones too, and reads the prose between and after them', () => {
    const text = ['Intro.', '', '```python', 'import os', 'model = load(os.environ["ADAPTER_PATH"])', '```', '', '~~~', '~~~', '', 'Then align it with DPO.', '', '```', 'QUANT_MODE = 4', 'merge(MERGEKIT)', ''].join('\n');
    const r = readmeTerms(text);
    expect(mentionOf('save_adapter', r)).toBeUndefined();
    expect(mentionOf('set_quant_mode', r)).toBeUndefined();
    expect(mentionOf('run_mergekit', r)).toBeUndefined();
    expect(mentionOf('DPOTrainer', r)).toBe('DPO');
  });
  it("does not count the project's own name, which every API of the project shares", () => {
    const own = readmeTerms('# PEFT\n\nPEFT adapters with LoRA, and TRL integration.\n', ['peft']);
    expect(mentionOf('get_peft_model_state_dict', own)).toBeUndefined();
    expect(mentionOf('get_peft_model_state_dict', readmeTerms('PEFT adapters.\n'))).toBe('PEFT');
    expect(mentionOf('LoraConfig', own)).toBe('LoRA');
  });
  it('without a README names nothing', () => {
    expect(mentionOf('GRPOTrainer', undefined)).toBeUndefined();
  });
});

describe('featureOf: the features a README lists in bold', () => {
  const t = readmeTerms(
    [
      '# acme',
      '',
      '### Core concepts:',
      '',
      '1. [**Agents**](https://acme.dev/agents): models with instructions and tools',
      '1. **[Agents as tools](https://acme.dev/tools#as-tools) / [Handoffs](https://acme.dev/handoffs)**: delegating',
      '1. [**Guardrails**](https://acme.dev/guardrails): safety checks for input and output',
      '- **Tracing**: see what ran',
      '- **`@acme/server`**: the server package',
      '- **This sentence is bold and says far too much**: not a feature',
      '',
      'The **Sessions** keep history (bold, but no list item).',
    ].join('\n'),
  );
  it('reads the bold lead of each list item, split at `/`; not code, not a sentence, not bold prose', () => {
    expect(t.features?.map((f) => f.name)).toEqual(['Agents', 'Agents as tools', 'Handoffs', 'Guardrails', 'Tracing']);
  });
  it('an API is of a feature when its name spells every word and ends with one of them', () => {
    expect(featureOf('input_guardrail', t)).toBe('Guardrails');
    expect(featureOf('agents.OutputGuardrail', t)).toBe('Guardrails');
    expect(featureOf('trace', t)).toBe('Tracing');
    expect(featureOf('handoff', t)).toBe('Handoffs');
    expect(featureOf('Agent.as_tool', t)).toBe('Agents');
    expect(featureOf('make_agent_as_tool', t)).toBe('Agents as tools');
    expect(featureOf('agent.as_tool', t)).toBeUndefined();
    expect(featureOf('guardrail_result_text', t)).toBeUndefined();
    expect(featureOf('Server', t)).toBeUndefined();
    expect(featureOf('Session', t)).toBeUndefined();
  });
  it('without a feature list names nothing', () => {
    expect(featureOf('input_guardrail', readmeTerms('# acme\n\nGuardrails check input.\n'))).toBeUndefined();
    expect(featureOf('input_guardrail', undefined)).toBeUndefined();
  });
});
