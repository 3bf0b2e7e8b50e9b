const COLOURS = ["#1f6feb", "#b42318", "#1a7f37", "#8a5a00", "#6f42c1", "#0e7490", "#c2410c", "#be185d"];

/** A stable colour per person, so each clerk keeps theirs across reloads. */
export function colourFor(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLOURS[h % COLOURS.length]!;
}

/** Initials for an avatar. */
export function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0]!.toUpperCase())
      .join("") || "?"
  );
}
