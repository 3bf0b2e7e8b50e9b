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
 * Where characters `indexes` of a textarea sit, relative to the textarea: a hidden copy of
 * the field with the same styles is laid out up to each character and measured. One copy
 * serves every index, and the field's styles are read once.
 */
export function caretPositions(field: HTMLTextAreaElement, indexes: readonly number[]): { top: number; left: number; height: number }[] {
  if (indexes.length === 0) return [];
  const mirror = document.createElement("div");
  const style = getComputedStyle(field);
  for (const key of COPIED) mirror.style[key] = style[key];
  mirror.style.position = "absolute";
  mirror.style.visibility = "hidden";
  mirror.style.whiteSpace = "pre-wrap";
  mirror.style.overflowWrap = "break-word";
  mirror.style.top = "0";
  mirror.style.left = "-9999px";
  document.body.appendChild(mirror);
  const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.4;
  const positions = indexes.map((index) => {
    mirror.textContent = field.value.slice(0, index);
    const marker = document.createElement("span");
    marker.textContent = field.value.slice(index) || ".";
    mirror.appendChild(marker);
    return { top: marker.offsetTop - field.scrollTop, left: marker.offsetLeft - field.scrollLeft, height: lineHeight };
  });
  mirror.remove();
  return positions;
}
