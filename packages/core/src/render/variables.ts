// Every variable each template and partial receives, with its shape and meaning. It is the contract for
// custom templates: a template is checked against it before anything runs (check.ts), the views of
// render.ts are filled to it (so a documented optional value is present even when empty), and the variable
// tables of docs/templates.md are generated from it (`pnpm schema`).

export type Shape =
  | { type: 'string' | 'number' | 'boolean' | 'any'; doc: string; optional?: boolean }
  | { type: 'list'; of: Shape; doc: string }
  | { type: 'object'; fields: Record<string, Shape>; doc: string; optional?: boolean };

export type ObjectShape = Extract<Shape, { type: 'object' }>;

const str = (doc: string, optional = false): Shape => ({ type: 'string', doc, ...(optional ? { optional } : {}) });
const num = (doc: string): Shape => ({ type: 'number', doc });
const any = (doc: string): Shape => ({ type: 'any', doc });
const list = (of: Shape, doc: string): Shape => ({ type: 'list', of, doc });
const strings = (doc: string): Shape => list(str('one entry'), doc);
const obj = (fields: Record<string, Shape>, doc: string): ObjectShape => ({ type: 'object', fields, doc });

const span = obj(
  {
    path: str('file, relative to the repository root'),
    start: num('first line (1-based)'),
    end: num('last line (inclusive)'),
    cell: { type: 'number', doc: 'notebook cell (1-based), for notebooks only', optional: true },
  },
  'a line range',
);

const callSite = obj(
  {
    callee: str('the callee as written, import aliases replaced (`FastModel.from_pretrained`)'),
    written: str('the callee exactly as the source writes it'),
    argNames: strings('argument names (keywords; positional ones by their parameter name when known)'),
    assignedTo: strings('variables the result is assigned to'),
    uses: strings('variables the call reads'),
    comment: str('comment lines above the statement', true),
    passedTo: str('for a pattern: the callee it is passed to', true),
    site: span,
    resolution: any('how the call was resolved: `kind` is `repo`, `external`, `pattern`, `tool`, `builtin` or `unresolved`; the other fields depend on it (model.ts `Resolution`)'),
  },
  'the call in the example',
);

const stepCall = obj(
  {
    call: callSite,
    apiCall: str('API Call: `callee(arg, ...)`'),
    implementation: str('Implementation page name without the repository prefix'),
    type: str('`API Doc`, `Wrapper Doc`, `Pattern Doc` or `External Tool Doc`'),
    sourceLocation: str('`path:Lstart-end`, `external (distribution)` or `unresolved`'),
    resolvedTo: str('`module.Class.method` of the definition when it differs from the callee', true),
    externalDependencies: strings('distributions the call\'s code path imports'),
    environment: str('environment page name (`{repo_name}_Python`, `_Node`, `_CUDA`)'),
    keyParameters: strings('`name: type = default`, the ones the example passes first'),
    inputs: str('what the step consumes'),
    outputs: str('what the step produces'),
    status: str('`✅` when the Implementation page exists in the wiki, else `⬜`'),
    alternative: { type: 'boolean', doc: 'another way to do the step (another arm of the main call\'s `if`/`try`/`match`)', optional: true },
    condition: str('the arm\'s condition (`args.save_gguf`, `else`), when the step has alternatives', true),
    shown: { type: 'boolean', doc: 'the main call again with options it does not pass, as another README or docs section or example of the workflow shows it', optional: true },
  },
  'one call of a step, with what it resolved to',
);

const stepFields: Record<string, Shape> = {
  number: num('step number, from 1'),
  title: str('step title'),
  principle: str('Principle name without the repository prefix'),
  role: str('the step\'s role (`load`, `configure`, `prepare_data`, `build`, `train`, `evaluate`, `infer`, `save`, `run`, `other`)'),
  description: str('what the step accomplishes: its sentences joined (`` `x` `` marks an API name; `mwtext` renders it)'),
  trace: list(obj({ text: str('a sentence'), from: str('where it comes from: `comment`, `prose`, `docstring`, `parameters`, `call`, `dataflow`, `branch`, `loop`, `literal` or `connective`'), at: any('its place in the repository (`path`, `line`, `cell`), absent for connectives') }, 'a sentence'), 'the sentences of the description, with where each comes from'),
  considerations: strings('key considerations'),
  calls: list(stepCall, 'the step\'s calls: the main one first, then the ones merged into it'),
};

const step = obj(stepFields, 'a step');

const stepView = obj(
  {
    ...stepFields,
    main: stepCall,
    callSite: str('where the example makes the main call (`path:Lstart-end`, `nb.ipynb#cell-N:Lstart-end`)'),
    resolvedThrough: str('how an attached method was found, when it was', true),
    also: list(stepCall, 'the calls merged into the step after the main one (alternatives and shown ways excluded)'),
    alternatives: list(obj({ ...stepCall.fields, callSite: str('where the example makes this call') }, 'an alternative call'), 'other ways to do the step: calls in another arm of the main call\'s `if`/`try`/`match`, each with its `condition`'),
    shown: list(obj({ ...stepCall.fields, callSite: str('where the section makes this call') }, 'a shown way'), 'the main call again with options it does not pass, as another README or docs section or example of the workflow shows it'),
  },
  'a step, with its main call',
);

export const TEMPLATE_VARIABLES: Record<string, ObjectShape> = {
  'workflow-page': obj(
    {
      repoName: str('the repository name (`acme_tinylm`)'),
      knowledgeSources: list(obj({ kind: str('`Repo`, `Doc`, `Blog` or `Paper`'), title: str('title'), url: str('URL, link syntax encoded') }, 'a knowledge source'), 'Knowledge Sources rows'),
      domains: strings('domain tags (page-name style)'),
      lastUpdated: str('`YYYY-MM-DD HH:MM GMT`'),
      overview: str('the Overview sentence'),
      description: str('Description text'),
      usage: str('Usage text'),
      steps: list(step, 'the steps, in order'),
      diagram: strings('Mermaid flowchart lines, labels already escaped'),
      principles: strings('distinct Principle names, in step order'),
    },
    'one workflow page (`workflows/{repo_name}_{Workflow}.md`)',
  ),
  'workflow-index': obj(
    {
      repoName: str('the repository name'),
      workflows: list(
        obj(
          {
            name: str('workflow name without the repository prefix'),
            pageName: str('`{repo_name}_{name}`'),
            overview: str('the Overview sentence'),
            stepCount: num('number of steps'),
            principleCount: num('number of distinct principles'),
            apis: str('the steps\' main callees, comma-separated'),
            steps: list(stepView, 'the steps'),
            guide: list(
              obj(
                {
                  principle: str('Principle name'),
                  implementation: str('Implementation name'),
                  api: str('last part of the callee'),
                  source: str('Source cell, already formatted (code span, `User code`, `x (external)`)'),
                  type: str('implementation type'),
                },
                'an Extraction Guide row',
              ),
              'Implementation Extraction Guide rows',
            ),
          },
          'a workflow',
        ),
        'the workflows',
      ),
    },
    '`_WorkflowIndex.md`',
  ),
  report: obj(
    {
      workflowCount: num('workflows created'),
      stepCount: num('steps documented'),
      hintCount: num('calls with a Source Location'),
      workflows: list(
        obj(
          {
            name: str('workflow name'),
            pageName: str('page name'),
            sourceFiles: strings('the workflow\'s source files'),
            stepCount: num('steps'),
            apis: str('main callees, comma-separated'),
            principleCount: num('distinct principles'),
            types: obj({ api: num('API Docs'), wrapper: num('Wrapper Docs'), pattern: num('Pattern Docs'), tool: num('External Tool Docs') }, 'calls by implementation type'),
          },
          'a workflow',
        ),
        'Workflows Created rows',
      ),
      ranking: list(
        obj(
          {
            rank: num('rank (1 = the most important golden path)'),
            pageName: str('page name'),
            anchor: str('the use case\'s most distinctive API, as called'),
            score: num('rank score'),
            evidence: str('the evidence behind the rank, `kind +points: detail`, `; `-separated'),
          },
          'a ranked workflow',
        ),
        'Ranking rows, in rank order',
      ),
      omitted: list(
        obj(
          {
            rank: num('rank'),
            name: str('the name it would have'),
            anchor: str('its most distinctive API'),
            score: num('rank score'),
            sources: strings('candidate ids of its sources'),
            apis: strings('the APIs its steps call'),
            reason: str('why it has no page'),
          },
          'a use case with no page',
        ),
        'Use Cases Not Written rows',
      ),
      coveredCount: num('repository files covered'),
      exampleCount: num('example files documented'),
      missingFromMap: strings('covered files the RepoMap has no row for'),
      apis: list(obj({ api: str('API'), source: str('Source Location'), principles: str('principles, comma-separated') }, 'an API to extract'), 'APIs to Extract rows'),
      externals: list(obj({ name: str('distribution'), calls: strings('calls that reach it') }, 'an external dependency'), 'External Dependencies to Document'),
      patterns: list(obj({ name: str('pattern'), source: str('its span'), passedTo: str('the API it is passed to') }, 'a user-defined pattern'), 'User-Defined Patterns to Document'),
      candidates: list(
        obj(
          {
            source: str('path, `#L<line>` for a code block'),
            kind: str('`example`, `notebook`, `readme`, `docs`, `entry-point`, `script` or `test`'),
            foundBy: str('how it was found'),
            kept: str('`yes` or `no`'),
            reason: str('why it was kept or dropped'),
            workflow: str('its workflow, or empty'),
          },
          'a candidate source',
        ),
        'Candidates Considered rows',
      ),
      unresolved: list(obj({ callee: str('call'), where: str('call site'), reason: str('why, with the candidates') }, 'an unresolved call'), 'Unresolved Calls rows'),
      attachments: list(obj({ callee: str('call'), where: str('call site'), target: str('Source Location'), via: str('how') }, 'a call resolved through an attachment'), 'Resolved Through Attachments rows'),
      skipped: list(obj({ path: str('path (`wiki:` prefix for wiki inputs)'), reason: str('why') }, 'a skipped input'), 'Skipped Inputs rows'),
      stalePages: strings('stale `{repo_name}_*` pages left in place'),
      prunedPages: strings('stale pages goldpath wrote and this run removes (`--prune`)'),
      repoMap: str('the RepoMap file, when found', true),
      phase0Report: str('the phase 0 report, when found', true),
      config: str('the configuration used (`goldpath.config.json`, `pyproject.toml [tool.goldpath]`, ...), when any', true),
      configKeys: strings('the keys the configuration set'),
      parserBackend: str('`native`, `wasm` or `none`'),
      lastUpdatedFrom: str('where `last_updated` came from, in words'),
      notes: strings('notes on the wiki inputs'),
    },
    '`_reports/phase1_anchoring.md`',
  ),
};

/** Partials receive their hash arguments (and, in Handlebars, the caller's context). */
export const PARTIAL_VARIABLES: Record<string, ObjectShape> = {
  'step-attributes': obj({ step: stepView, repoName: str('the repository name') }, 'the attribute table of one step in `_WorkflowIndex.md`: `{{> step-attributes step=this repoName=../../repoName}}`'),
};

/** Helpers registered for every template (render/templates.ts). */
export const HELPERS: Record<string, string> = {
  mw: 'escapes text for a MediaWiki page (links, templates, tables, list and heading characters)',
  mwtext: 'like `mw`, and turns each `` `x` `` span into `<code>x</code>` (inline API names in prose)',
  mermaid: 'escapes text for a Mermaid node label',
  cell: 'escapes text for a Markdown table cell (`|` → `\\|`, newlines folded); `—` when empty',
  md: 'escapes Markdown syntax in plain text (headings, bullets)',
  code: 'a Markdown code span fenced with more backticks than the text holds, pipes escaped; `—` when empty',
  codeList: 'a list as comma-separated code spans; `—` when empty',
  concat: 'joins its arguments: `(concat repoName "_" principle)`',
};

/**
 * A copy of a view where every documented field is present (undefined when the view has no value), so
 * that strict mode never fails on a documented optional variable.
 */
export function fillView(value: unknown, shape: Shape): unknown {
  if (value === null || value === undefined) return value;
  if (shape.type === 'list') return Array.isArray(value) ? value.map((v) => fillView(v, shape.of)) : value;
  if (shape.type !== 'object' || typeof value !== 'object') return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [k, s] of Object.entries(shape.fields)) out[k] = k in out ? fillView(out[k], s) : undefined;
  return out;
}
