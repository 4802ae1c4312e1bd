/** Put each rendered section between its `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` markers. */
export function replaceSections(markdown: string, sections: Record<string, string>): string {
  let result = markdown;
  for (const [name, body] of Object.entries(sections)) {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const start = result.indexOf(open);
    const end = result.indexOf(close);
    if (start < 0 || end < start) throw new Error(`docs/diff.md: the markers ${open} … ${close} are missing`);
    result = `${result.slice(0, start + open.length)}\n${body}\n${result.slice(end)}`;
  }
  return result;
}
