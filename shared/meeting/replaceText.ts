import type * as Y from "yjs";

/**
 * Makes `text` read `value` by deleting and inserting only what differs (common prefix
 * and suffix kept), so a concurrent edit elsewhere in the same text survives.
 */
export function replaceText(text: Y.Text, value: string, caret?: number): void {
  const current = text.toString();
  if (current === value) return;
  const max = Math.min(current.length, value.length);
  // With the caret known, the edit ends at it: typing "b" after the "a" of "ab" inserts
  // at 1, not at the end where a plain diff would put it, so the new character keeps its
  // place among a colleague's concurrent typing.
  const tail =
    caret !== undefined && caret >= 0 && caret <= value.length && current.endsWith(value.slice(caret)) ? value.length - caret : -1;
  let start = 0;
  let end = 0;
  if (tail >= 0) {
    end = tail;
    while (start < max - end && current.charCodeAt(start) === value.charCodeAt(start)) start++;
  } else {
    while (start < max && current.charCodeAt(start) === value.charCodeAt(start)) start++;
    while (end < max - start && current.charCodeAt(current.length - 1 - end) === value.charCodeAt(value.length - 1 - end)) end++;
  }
  // Never cut a surrogate pair (an emoji, say): Yjs would keep each half as U+FFFD.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--;
  const removed = current.length - start - end;
  if (removed > 0) text.delete(start, removed);
  const inserted = value.slice(start, value.length - end);
  if (inserted) text.insert(start, inserted);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
