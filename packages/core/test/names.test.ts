import { describe, expect, it } from 'vitest';
import { implementationName, pageName, repoNameFrom, singular, tokens, validateRepoName, workflowNameFrom, WORKFLOW_NAME_RE } from '../src/group/names.js';
import { githubRepoUrl, requirementNames } from '../src/repo/metadata.js';

describe('names', () => {
  it('splits identifiers into tokens', () => {
    expect(tokens('FastModel.from_pretrained')).toEqual(['fast', 'model', 'from', 'pretrained']);
    expect(tokens('HTTPServer')).toEqual(['http', 'server']);
    expect(pageName(tokens('dspy.ColBERTv2').slice(1))).toBe('Col_BERTv2');
    expect(pageName(['gpt2', 'Loading'])).toBe('GPT2_Loading');
    // A number keeps the capital that ends it (a dataset, a model size); a capital that starts a word splits.
    expect(tokens('GSM8K')).toEqual(['gsm8k']);
    expect(tokens('Llama70B.load')).toEqual(['llama70b', 'load']);
    expect(tokens('T5Model')).toEqual(['t5', 'model']);
    // A term spelt with inner capitals is one word, alone or leading an identifier.
    expect(tokens('LoRA conversion')).toEqual(['lora', 'conversion']);
    expect(tokens('LoRAConfig and QLoRA, MoELayer')).toEqual(['lora', 'config', 'and', 'qlora', 'moe', 'layer']);
    expect(workflowNameFrom('Using LoRAConfig')).toBe('LoRA_Config');
    expect(pageName(['session', 'sessions', 'Deletion'])).toBe('Sessions_Deletion');
    expect(pageName(['batch', 'batches', 'Creation'])).toBe('Batches_Creation');
    expect(pageName(['model', 'model'])).toBe('Model');
    expect(tokens('UNet2DModel.from_pretrained')).toEqual(['unet', '2d', 'model', 'from', 'pretrained']);
    expect(tokens('nn.Conv3d')).toEqual(['nn', 'conv', '3d']);
    // "2" for "to" between two kinds of data is inside one word; a version number ends its word.
    expect(tokens('AutoPipelineForText2Image')).toEqual(['auto', 'pipeline', 'for', 'text2image']);
    expect(tokens('AutoModelForSeq2SeqLM')).toEqual(['auto', 'model', 'for', 'seq2seq', 'lm']);
    expect(tokens('Wav2Vec2ForCTC')).toEqual(['wav2vec2', 'for', 'ctc']);
    expect(tokens('Llama2Model')).toEqual(['llama2', 'model']);
    // An acronym keeps its last capital before a version: ColBERTv2 is Col BERTv2, not Col BER Tv2.
    expect(tokens('dspy.ColBERTv2')).toEqual(['dspy', 'col', 'bertv2']);
    expect(tokens('HTTPServer')).toEqual(['http', 'server']);
    expect(pageName(tokens('AutoPipelineForImage2Image.from_pretrained').slice(1, 4))).toBe('Pipeline_For_Image2Image');
    expect(pageName(['model', 'seq2seq', 'Loading'])).toBe('Model_Seq2Seq_Loading');
    expect(pageName(['gpt2', 'h2o'])).toBe('GPT2_H2o');
  });
  it('builds workflow names from free text, keeping acronyms and dropping filler', () => {
    expect(workflowNameFrom('QLoRA Fine-Tuning')).toBe('QLoRA_Fine_Tuning');
    expect(workflowNameFrom('LoRA fine-tuning example')).toBe('LoRA_Fine_Tuning');
    expect(workflowNameFrom('01_train.py')).toBe('Train');
    // Pronouns name nothing: "Serve it over stdio", "Our local Python executor".
    expect(workflowNameFrom('Serve it over stdio')).toBe('Serve_Over_Stdio');
    expect(workflowNameFrom('Our local Python executor')).toBe('Local_Python_Executor');
    // An apostrophe joins its word: a possessive is the word, a contraction one word.
    expect(workflowNameFrom("Inspecting a model's profile")).toBe('Inspecting_Model_Profile');
    expect(workflowNameFrom('Don\u2019t retry')).toBe('Dont_Retry');
    expect(tokens("the agent's tools")).toEqual(['the', 'agent', 'tools']);
    expect(workflowNameFrom('Using the BCOTrainer')).toBe('BCO_Trainer');
    expect(workflowNameFrom('XPO with TRL')).toBe('XPO_TRL');
    expect(workflowNameFrom('lora_sft.py')).toBe('LoRA_SFT');
    expect(workflowNameFrom('[[x]] {{y}} | <b>')).toBe('X_Y_B');
    expect(workflowNameFrom('### ...')).toBeUndefined();
    // A joining word left at the end (what followed it was filler, or cut at six words) goes; inside, it stays.
    expect(workflowNameFrom('Launching training from a notebook')).toBe('Launching_Training');
    expect(workflowNameFrom('Image from text generation')).toBe('Image_From_Text_Generation');
    expect(workflowNameFrom('Train one model per GPU across nodes')).toBe('Train_One_Model_Per_GPU');
    // Too long for a name: the phrase before its first joining word.
    expect(workflowNameFrom('Initializing weights with LoftQ by replacing LoRA weights in-place')).toBe('Initializing_Weights_LoftQ');
    // A name with inner capitals is not split into a lone letter; it keeps its capitals.
    expect(workflowNameFrom('LoftQ initialization')).toBe('LoftQ_Initialization');
    expect(workflowNameFrom('Fine-tune a ViTModel')).toBe('Fine_Tune_ViTModel');
    expect(workflowNameFrom('gRPC transport')).toBe('GRPC_Transport');
    // An acronym's plural is one word with its capitals (was OpenAI_Compatible_AP_Is).
    expect(tokens('OpenAI-Compatible APIs')).toEqual(['openai', 'compatible', 'apis']);
    expect(workflowNameFrom('OpenAI-Compatible APIs')).toBe('OpenAI_Compatible_APIs');
    expect(tokens('LLMsConfig')).toEqual(['llms', 'config']);
    expect(tokens('HTTPSession')).toEqual(['http', 'session']);
  });
  it('never produces a name outside the page-name pattern', () => {
    for (const t of ['a-b', 'Hello: World/Again', '9 lives', 'grpo rl', 'x__y', '_private_thing_']) {
      const n = workflowNameFrom(t);
      if (n !== undefined) expect(n).toMatch(WORKFLOW_NAME_RE);
    }
    expect(pageName(['model', 'Loading'])).toBe('Model_Loading');
  });
  it('keeps the identifier case in implementation names', () => {
    expect(implementationName('FastModel.from_pretrained')).toBe('FastModel_from_pretrained');
    expect(implementationName('__init__')).toBe('init');
    expect(implementationName('_x__y_')).toBe('x_y');
  });
  it('derives and validates repo names', () => {
    expect(repoNameFrom('openai/openai-node')).toBe('openai_openai_node');
    expect(validateRepoName('acme_tinytune')).toBe('acme_tinytune');
    expect(() => validateRepoName('acme/tinytune')).toThrow(/invalid --name/);
    expect(() => validateRepoName('a__b')).toThrow();
  });
});

describe('singular', () => {
  it("says a collection's name in the singular, and keeps a word that is no plural", () => {
    expect(['files', 'messages', 'entries', 'batches', 'boxes', 'completions', 'status', 'analysis', 'series', 'news', 'ids', 'data', 'metrics'].map(singular)).toEqual(['file', 'message', 'entry', 'batch', 'box', 'completion', 'status', 'analysis', 'series', 'news', 'ids', 'data', 'metrics']);
  });
  it('drops only the s of a word that ends in e after ch or a single z', () => {
    expect(['caches', 'niches', 'sizes', 'matches', 'searches', 'buzzes', 'indexes'].map(singular)).toEqual(['cache', 'niche', 'size', 'match', 'search', 'buzz', 'index']);
  });
});

describe('metadata helpers', () => {
  it('normalises repository URLs', () => {
    expect(githubRepoUrl('git@github.com:acme/tinytune.git')).toBe('https://github.com/acme/tinytune');
    expect(githubRepoUrl('https://github.com/acme/tinytune/')).toBe('https://github.com/acme/tinytune');
    expect(githubRepoUrl('git+https://github.com/acme/x.git#main')).toBe('https://github.com/acme/x');
    expect(githubRepoUrl('github:openai/openai-node')).toBe('https://github.com/openai/openai-node');
    expect(githubRepoUrl('https://example.org/docs')).toBeUndefined();
  });
  it('reads distribution names from requirement lines', () => {
    expect(requirementNames(['torch>=2.0', '# c', '-e .', 'PyYAML ; python_version>"3"', 'numpy[extra]==1'])).toEqual(['torch', 'PyYAML', 'numpy']);
  });
});
