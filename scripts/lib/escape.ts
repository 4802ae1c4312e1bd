/**
 * Document text (paths, titles, enum values, messages quoting them) escaped for where it is printed: one function
 * per format, used for every piece of it. A spec is written by others; printed raw, a line break followed by
 * `::error` or `::add-mask::` is a GitHub Actions workflow command, an ESC or OSC sequence drives the terminal,
 * and Markdown or HTML in a pull request comment renders as its author wants.
 */

/**
 * For a terminal or a log, one line: control characters (C0, DEL, C1), line and paragraph separators and
 * bidirectional overrides shown as `\n`, `\u001b`… so that none acts and the line stays one line.
 */
export function visible(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (char) => ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

const ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * For Markdown, inside one line of a table cell or heading (never at a line's start): visible() first, then
 * HTML's special characters as entities (no tag, image or comment renders), the punctuation that makes emphasis,
 * links, images and code spans backslash-escaped (so a message's own backticks show as such), `|` for tables, @mentions and #references broken by a zero-width space so nobody is
 * notified, and `://` broken the same way so no bare URL becomes a link.
 */
export function markdownText(text: string): string {
  return visible(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]|~]/g, "\\$&")
    .replace(/@/g, "@\u200b")
    .replace(/:\/\//g, ":\u200b//");
}
