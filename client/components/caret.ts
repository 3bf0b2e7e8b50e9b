const COPIED = [
  "boxSizing",
  "width",
  "paddingTop",
  "paddingRight",
  "paddingBottom",
  "paddingLeft",
  "borderTopWidth",
  "borderRightWidth",
  "borderBottomWidth",
  "borderLeftWidth",
  "fontFamily",
  "fontSize",
  "fontWeight",
  "fontStyle",
  "letterSpacing",
  "lineHeight",
  "textTransform",
  "wordSpacing",
  "textIndent",
  "whiteSpace",
  "wordWrap",
  "overflowWrap",
  "tabSize",
] as const;

/**
 * Where character `index` of a textarea sits, relative to the textarea: a hidden copy of
 * the field with the same styles is laid out up to that character and measured.
 */
export function caretPosition(field: HTMLTextAreaElement, index: number): { top: number; left: number; height: number } {
  const mirror = document.createElement("div");
  const style = getComputedStyle(field);
  for (const key of COPIED) mirror.style[key] = style[key];
  mirror.style.position = "absolute";
  mirror.style.visibility = "hidden";
  mirror.style.whiteSpace = "pre-wrap";
  mirror.style.overflowWrap = "break-word";
  mirror.style.top = "0";
  mirror.style.left = "-9999px";
  mirror.textContent = field.value.slice(0, index);
  const marker = document.createElement("span");
  marker.textContent = field.value.slice(index) || ".";
  mirror.appendChild(marker);
  document.body.appendChild(mirror);
  const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.4;
  const position = { top: marker.offsetTop - field.scrollTop, left: marker.offsetLeft - field.scrollLeft, height: lineHeight };
  mirror.remove();
  return position;
}
