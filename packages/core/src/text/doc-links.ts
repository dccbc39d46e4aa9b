// Cross-references of the Hugging Face doc-builder written in prose and docstrings: "[`PeftModel`]",
// "[`~PeftModel.add_adapter`]". Markdown leaves them as brackets around a code span (no link target), and
// pages printed "[<code>PeftModel</code>]"; the built docs show the code span, a `~` its last dotted part.

/** The text with each doc-builder cross-reference as the code span the built docs show. */
export function docLinks(text: string): string {
  return text.replace(/\[`(~?)([A-Za-z_][\w.]*(?:\(\))?)`\](?![([])/g, (_, tilde: string, name: string) => `\`${tilde ? name.split('.').pop() : name}\``);
}
