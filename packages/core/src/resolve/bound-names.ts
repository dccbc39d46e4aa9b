// A module's assignments and bound calls by their first target (`self.model`, `x`), in source order.
// Asking what a class stores in `self.name` used to scan every assignment and call of the class's
// module, once per question (diffusers: tens of thousands of questions over modules of thousands of
// calls); the lists here hold only the entries a question can match, in the order of the facts, so the
// same predicates over them find the same entries.
import type { PyAssign, PyCall, PyModuleFacts } from '../lang/python/types.js';

interface Bound {
  /** Positions in `facts.assigns`, by `targets[0]`. */
  assigns: Map<string, number[]>;
  /** Positions in `facts.calls`, by `assignedTo[0]`. */
  calls: Map<string, number[]>;
}

const NONE: number[] = [];
// One index per facts object (facts whose calls and assignments are let go forget theirs: PythonIndex.done).
const indexes = new WeakMap<PyModuleFacts, Bound>();

export function forgetBound(facts: PyModuleFacts): void {
  indexes.delete(facts);
}

function byFirst<T>(list: T[], first: (x: T) => string | undefined): Map<string, number[]> {
  const out = new Map<string, number[]>();
  list.forEach((x, i) => {
    const key = first(x);
    if (key === undefined) return;
    const at = out.get(key);
    if (at) at.push(i);
    else out.set(key, [i]);
  });
  return out;
}

function boundOf(facts: PyModuleFacts): Bound {
  let b = indexes.get(facts);
  if (!b) {
    b = { assigns: byFirst(facts.assigns, (a) => a.targets[0]), calls: byFirst(facts.calls, (c) => c.assignedTo[0]) };
    indexes.set(facts, b);
  }
  return b;
}

/** Merges position lists (each ascending) into one ascending list. */
function merged(lists: number[][]): number[] {
  const nonEmpty = lists.filter((l) => l.length);
  return nonEmpty.length <= 1 ? (nonEmpty[0] ?? NONE) : nonEmpty.flat().sort((a, b) => a - b);
}

/** The assignments whose first target is one of `targets`, in source order. */
export function assignsTo(facts: PyModuleFacts, ...targets: string[]): PyAssign[] {
  const { assigns } = boundOf(facts);
  return merged(targets.map((t) => assigns.get(t) ?? NONE)).map((i) => facts.assigns[i]);
}

/** The calls whose value is bound to one of `targets` first, in source order. */
export function callsBoundTo(facts: PyModuleFacts, ...targets: string[]): PyCall[] {
  const { calls } = boundOf(facts);
  return merged(targets.map((t) => calls.get(t) ?? NONE)).map((i) => facts.calls[i]);
}
