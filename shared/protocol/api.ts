import { z } from "zod";
import { MEETING_STATUSES } from "../meeting/Meeting";
import { LIMITS } from "./limits";
import { MEETING_ROLES, USER_ROLES } from "./roles";

const text = z.string().max(LIMITS.fieldChars);

/** POST /api/session */
export const signInSchema = z.object({ name: z.string().min(1).max(200), password: z.string().min(1).max(1000) }).strict();

/** POST /api/meetings */
export const createMeetingSchema = z
  .object({
    title: text.min(1, "a meeting needs a title"),
    committee: text.default(""),
    date: z.union([z.iso.date(), z.literal("")]).default(""),
    startTime: z.union([z.iso.time({ precision: -1 }), z.literal("")]).default(""),
    venue: text.default(""),
    public: z.boolean().default(false),
    agenda: z.string().max(LIMITS.importChars).optional(),
  })
  .strict();

/** PATCH /api/meetings/:id */
export const updateMeetingSchema = z
  .object({
    title: text.min(1),
    committee: text,
    date: z.union([z.iso.date(), z.literal("")]),
    startTime: z.union([z.iso.time({ precision: -1 }), z.literal("")]),
    venue: text,
    /** Members who must be present for the meeting to be quorate; null for none set. */
    quorum: z.number().int().min(1).max(500).nullable(),
    status: z.enum(MEETING_STATUSES),
    /** Why the status changes: required for the steps that ask one (lifecycle.ts). */
    reason: z.string().max(500),
    public: z.boolean(),
  })
  .partial()
  .strict();

/** The earlier meeting whose minutes an agenda item puts for approval. */
export const approvalItemSchema = z.object({ meetingId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "a meeting id") }).strict();

/** A status step: where to, and why when the step asks for a reason. */
export const statusChangeInputSchema = z.object({ status: z.enum(MEETING_STATUSES), reason: z.string().max(500).default("") }).strict();

/** POST /api/meetings/:id/import */
export const importSchema = z.object({ text: z.string().min(1, "the agenda text is empty").max(LIMITS.importChars) }).strict();

/** POST /api/users */
export const createUserSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[^\s].*[^\s]$|^[^\s]$/, "no leading or trailing spaces"),
    displayName: text.default(""),
    role: z.enum(USER_ROLES),
    password: z.string().min(8, "passwords are at least 8 characters").max(1000),
  })
  .strict();

/** PUT /api/meetings/:id/roles/:userId */
export const assignRoleSchema = z.object({ role: z.enum(MEETING_ROLES).nullable() }).strict();

/** POST /api/meetings/:id/versions */
export const saveVersionSchema = z.object({ label: text.default("") }).strict();

/** GET /api/meetings/:id/export query. */
export const exportQuerySchema = z.object({
  format: z.enum(["text", "html", "md", "docx"]).default("text"),
  /** Rich or compact; by default the committee's house style says. */
  variant: z.enum(["rich", "compact"]).optional(),
  item: z.string().optional(),
});
