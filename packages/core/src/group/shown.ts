// Other ways the maintainers show a step's call: README and docs sections and examples of the use case
// that make the same call with options its main call does not pass (`ollama.chat(...)` in the quick
// start, then with `stream: true` under "Streaming responses", with `format` in a structured-outputs
// example). Such a source is too short to be a use case of its own (clarification 4: it joined this
// one); its call is shown on the step it is another way of doing, so the page keeps what it was written
// to show. Not a test's: tests try options, they do not show them.
import type { CallSite } from '../model.js';
import { MAX_SHOWN_WAYS, MIN_STEPS } from '../heuristics/tables.js';
import type { AnalysedSource } from './source.js';
import { apiKey, type DraftStep } from './steps.js';

/**
 * The options a call passes by name: keywords, parameters its positional arguments bind, an options
 * object's keys. Not a parameter given a variable of its own name (`ollama.chat(request)`: a section that
 * writes out the method's signature shows no way of calling it).
 */
const optionsOf = (c: CallSite): string[] =>
  [...new Set([...c.argNames, ...Object.keys(c.argValues ?? {})])].filter((a) => /^\w+$/.test(a) && c.argValues?.[a]?.trim() !== a).sort();

/**
 * The use case's steps, each with the calls of its sources (in order of trust) that show its main call
 * with another option: from a README or docs section or an example of fewer than MIN_STEPS steps, then
 * from the step's own source calling it again, each adding an option not shown yet, at most
 * MAX_SHOWN_WAYS per step. Command lines are left as they are.
 */
export function withShownWays(steps: DraftStep[], members: AnalysedSource[]): DraftStep[] {
  const shows = (m: AnalysedSource) => m.candidate.kind === 'readme' || m.candidate.kind === 'docs' || m.candidate.kind === 'example';
  const sections = members.filter((m) => shows(m) && m.steps.length < MIN_STEPS);
  const inSteps = new Set(steps.flatMap((st) => st.calls));
  return steps.map((s) => {
    const main = s.calls[0];
    if (main.command) return s;
    const key = apiKey(main);
    const seen = new Set(s.calls.flatMap(optionsOf));
    const ways: CallSite[] = [];
    // The short sections first (written to show that way), then the step's own source making the call
    // again with another option (the README's search, then the same search with `query_filter=`).
    const own = members.find((m) => shows(m) && m.calls.includes(main));
    const again = (own?.calls ?? []).filter((d) => d !== main && !d.command && apiKey(d) === key && !inSteps.has(d));
    const fromSections = sections.map((m) => m.steps.map((st) => st.calls[0]).find((d) => apiKey(d) === key && !s.calls.includes(d)));
    for (const c of [...fromSections, ...again]) {
      if (ways.length >= MAX_SHOWN_WAYS) break;
      if (!c || !optionsOf(c).some((o) => !seen.has(o))) continue;
      ways.push(c);
      for (const o of optionsOf(c)) seen.add(o);
    }
    return ways.length ? { ...s, calls: [...s.calls, ...ways], shown: ways } : s;
  });
}
