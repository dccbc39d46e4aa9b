// Options the docs treat as topics. A section headed "Running your agent in Docker" that builds
// `CodeAgent(..., executor_type="docker")` is about that option, not about the agent every other section
// builds: such a call is another API (its key names the option), so the sources that pass the option
// form a use case of their own (sandboxed execution) instead of joining the plain one.
import type { CallSite } from '../model.js';
import { OPTION_TOPIC } from '../heuristics/tables.js';
import { append } from './usecases.js';
import { callKey, isRepoCall, nameCall, setOption, topicOption } from './steps.js';
import { workflowNameFrom } from './names.js';
import type { AnalysedSource } from './source.js';

/** Words of a name or heading: split at `_`, case changes and punctuation, lowercased, plurals folded (proxies → proxy). */
const words = (t: string) =>
  t
    .split(/[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])/)
    .map((w) => w.toLowerCase().replace(/ies$/, 'y').replace(/s$/, ''))
    .filter((w) => w.length >= 3);

/** A heading word the option's word names, whole or as its short form (`auth` → authentication). */
const says = (heading: Set<string>, w: string) => heading.has(w) || (w.length >= 4 && [...heading].some((h) => h.startsWith(w)));

/** A value that tunes the call (a number, a flag, nothing) rather than choosing another way of using it. */
const isKnob = (v: string) => /^(-?[\d.e_+-]+|True|False|None|true|false|null|undefined)$/.test(v.trim());

/** The string a literal value holds (`"docker"` → docker), if it is one word. */
const literal = (v: string | undefined) => (v && /^(['"`])[\w.-]+\1$/.test(v.trim()) ? v.trim().slice(1, -1).toLowerCase().replace(/s$/, '') : undefined);

/** Does the heading name the option: a word of its name (`tools` → "Tools"), or the word it is set to ("Docker")? */
function headingNames(heading: Set<string>, c: CallSite, option: string): boolean {
  if (words(option).some((w) => !OPTION_TOPIC.ignored.has(w) && says(heading, w))) return true;
  const v = literal(c.argValues?.[option]);
  return v !== undefined && v.length >= 3 && heading.has(v);
}

/**
 * The library's calls of a source's steps that may carry a topic option: the calls that do the work or
 * build what does it (OPTION_TOPIC.roles), not configuration objects (their options are settings) nor
 * loaders (where to put the weights is how a model is loaded for any use case), nor calling an object
 * whose class is chosen at run time (`pipe(prompt, image=...)`: it describes no use case).
 */
function optionCalls(s: AnalysedSource): CallSite[] {
  return s.steps
    .flatMap((st) => st.calls)
    .filter((c) => isRepoCall(c) && c.argNames.length > 0 && !(c.resolution.kind === 'unresolved' && c.resolution.method === '__call__') && OPTION_TOPIC.roles.has(nameCall(c).role));
}

/**
 * Finds the options the README and docs treat as topics (OPTION_TOPIC) and marks every call that passes
 * one, in every source, so that its key names the option.
 */
export function markTopicOptions(sources: AnalysedSource[]): void {
  const calls = new Map<string, number>();
  const passing = new Map<string, number>();
  const named = new Map<string, number>();
  const onPages = new Map<string, string[]>();
  const ofSource = sources.map((s) => optionCalls(s));
  sources.forEach((s, i) => {
    const seen = new Set<string>();
    const heading = new Set(s.candidate.kind === 'docs' || s.candidate.kind === 'readme' ? words(s.candidate.heading ?? '') : []);
    // A docs page whose title names the option ("PEFT Integration" for `peft_config=`) is about it: it
    // counts as one section that names it, however many of its sections pass it.
    const title = new Set(s.candidate.kind === 'docs' ? words(s.page ?? '') : []);
    const namedHere = new Set<string>();
    for (const c of ofSource[i]) {
      const key = callKey(c);
      if (!seen.has(key)) calls.set(key, (calls.get(key) ?? 0) + 1);
      seen.add(key);
      for (const a of c.argNames) {
        const o = `${key}(${a}=)`;
        // A keyword (an options object's text in TypeScript names no option).
        if (seen.has(o) || !/^\w+$/.test(a) || isKnob(c.argValues?.[a] ?? '')) continue;
        seen.add(o);
        passing.set(o, (passing.get(o) ?? 0) + 1);
        if (headingNames(heading, c, a)) namedHere.add(o);
        else if (headingNames(title, c, a)) append(onPages, o, s.candidate.path);
      }
    }
    for (const o of namedHere) named.set(o, (named.get(o) ?? 0) + 1);
  });
  for (const [o, pages] of onPages) named.set(o, (named.get(o) ?? 0) + new Set(pages).size);
  const topics = new Set<string>();
  for (const [o, n] of named) {
    const key = o.slice(0, o.lastIndexOf('('));
    if (n >= OPTION_TOPIC.sections && passing.get(o)! < OPTION_TOPIC.share * calls.get(key)!) topics.add(o);
  }
  if (!topics.size) return;
  for (const list of ofSource) {
    for (const c of list) {
      const key = callKey(c);
      // One option per call: the first it passes that is a topic (in the order written).
      const option = c.argNames.find((a) => topics.has(`${key}(${a}=)`) && !isKnob(c.argValues?.[a] ?? ''));
      if (option) setOption(c, option);
    }
  }
}

/**
 * What a call's topic option adds to a name (`tools` → With_Tools, `executor_type` → With_Executor): the
 * plain call's use case or principle done that way. The option's whole name when the words left only
 * repeat the call's verb (`Runner.run(run_config=)` → With_Run_Config, not Agent_Execution_With_Run).
 */
export function withOption(c: CallSite): string | undefined {
  const option = topicOption(c);
  if (!option) return undefined;
  const words = option.split('_').filter(Boolean);
  const kept = words.filter((w) => !OPTION_TOPIC.ignored.has(w));
  if (!kept.length) return undefined;
  const verb = nameCall(c).verb.toLowerCase();
  const name = workflowNameFrom((kept.every((w) => w.toLowerCase() === verb) ? words : kept).join(' '));
  return name ? `With_${name}` : undefined;
}

/**
 * Does a heading name one of the values the option is set to ("Running your agent in Docker" for
 * `executor_type="docker"`), among several the calls set? Then it names one way, not the use case.
 */
export function namesOneValue(heading: string, calls: CallSite[], option: string): boolean {
  const values = new Set(calls.map((c) => literal(c.argValues?.[option])).filter((v) => v !== undefined));
  const said = new Set(words(heading));
  return values.size > 1 && [...values].some((v) => said.has(v));
}
