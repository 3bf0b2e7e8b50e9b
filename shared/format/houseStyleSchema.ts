import { z } from "zod";
import type { HouseStyle } from "./houseStyle";

/** A mark or keyword on one line: short, no line breaks (a stored style is written into every export). */
const mark = (what: string, max = 40) =>
  z
    .string()
    .max(max, `${what}: at most ${max} characters`)
    .refine((s) => !/[\r\n]/.test(s), `${what}: one line, no line breaks`);

/** A label sample the exports can count on: "(1)", "1.", "1)", "(a)", "a)", "(i)", "A.". */
const numberingSample = z
  .string()
  .regex(/^\(?(?:\d+|[a-z]|[A-Z]|[ivx]+|[IVX]+)[.)]?$/, 'numbering: a sample label such as "(1)", "1.", "1)", "(a)", "a)" or "(i)"');

/** A whole house style as stored for a committee and sent over REST; every part named, nothing else. */
export const houseStyleSchema = z
  .object({
    variant: z.enum(["rich", "compact"]),
    header: z.boolean(),
    bullet: mark("bullet", 4).refine((s) => s.trim().length > 0, "bullet: a mark such as · or -"),
    minutes: mark("minutes"),
    keyword: mark("keyword"),
    punctuation: mark("punctuation", 12),
    keywordAlone: z.boolean(),
    numbering: numberingSample,
    commentNumbering: z.union([z.literal(""), numberingSample]),
    number: z.enum(["inline-dot", "inline", "own-line-dot", "own-line", "apart"]),
    paragraphNumberAlone: z.boolean(),
    decisionNumbered: z.boolean(),
    resolutionBullets: z.boolean(),
    trailer: z.boolean(),
  })
  .strict() satisfies z.ZodType<HouseStyle>;
