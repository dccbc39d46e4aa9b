// A helper function that a test, example or script file defines (not the library) and a source calls is
// the source's own machinery: the calls it makes replace it, with their real call sites, so a step is the
// library call the helper wraps (`setup_trainer(...)` in tests/utils/ → the trainer it builds), never the
// helper itself.
import type { CallSite, Definition } from '../model.js';
import { isNonLibraryPath, isTestPath } from '../repo/layout.js';

/** The calls a helper makes, its parameter names and the names it returns; undefined when it cannot be read. */
export interface HelperBody {
  calls: CallSite[];
  params: string[];
  returns: string[];
}

/** Nested helpers are followed this deep; deeper ones stay as they are. */
const MAX_DEPTH = 3;

export function isHelper(c: CallSite): c is CallSite & { definition: Definition } {
  if (c.resolution.kind !== 'repo' || !c.definition || !isNonLibraryPath(c.definition.path)) return false;
  const d = c.definition;
  // A function, or a method of a class a Python example or script defines at its top (an example's
  // `Browser.search` wrapping the client's web search: its body is read like a function's). Not a test
  // class's: its methods are the tests and their fixtures, which run as tests of their own.
  return (d.kind === 'function' && !d.qualname.includes('.')) || (d.kind === 'method' && d.qualname.split('.').length === 2 && /\.pyi?$/.test(d.path) && !isTestPath(d.path));
}

/** Replaces every helper call by the calls of its body, in place, keeping execution order and data flow. */
export async function inlineHelpers(calls: CallSite[], body: (def: Definition) => Promise<HelperBody | undefined>, depth = 0, open = new Set<string>()): Promise<CallSite[]> {
  if (depth >= MAX_DEPTH || !calls.some(isHelper)) return calls;
  const out: CallSite[] = [];
  for (const c of calls) {
    if (!isHelper(c)) {
      out.push(c);
      continue;
    }
    const key = `${c.definition.path}:${c.definition.qualname}`;
    const b = open.has(key) ? undefined : await body(c.definition);
    if (!b) {
      out.push(c);
      continue;
    }
    open.add(key);
    const inner = await inlineHelpers(b.calls, body, depth + 1, open);
    open.delete(key);
    const outer = c.order ?? [c.site.cell ?? 0, c.site.start, 0];
    const params = new Set(b.params);
    const returned = new Set(b.returns);
    inner.forEach(({ within: inside, ...x }, i) => {
      // Inside one of the helper's calls (its order prefixed as below), else wherever the helper call is.
      const within = inside && c.within ? (inside.length ? [...outer, ...inside] : c.within) : undefined;
      out.push({
        ...x,
        ...(within ? { within } : {}),
        // Data flow across the helper's boundary: what the caller passed in, what it receives back.
        uses: x.uses.some((u) => params.has(u)) ? [...new Set([...x.uses, ...c.uses])] : x.uses,
        assignedTo: x.assignedTo.some((v) => returned.has(v)) ? [...new Set([...x.assignedTo, ...c.assignedTo])] : x.assignedTo,
        order: [...outer, ...(x.order ?? [x.site.cell ?? 0, x.site.start, i])],
      });
    });
  }
  return out;
}
