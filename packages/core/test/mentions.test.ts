// What the README's prose names (group/mentions.ts): terms written as terms, APIs in code spans, never
// what only a code block shows.
import { describe, expect, it } from 'vitest';
import { mentionOf, readmeTerms } from '../src/group/mentions.js';

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
