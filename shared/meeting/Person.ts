import { z } from "zod";
import { newId } from "./ids";
import { entity } from "./entity";

/** Id of a person attending (or sending apologies to) a meeting. */
export const personIdSchema = z.string().min(1).brand<"PersonId">();
export type PersonId = z.infer<typeof personIdSchema>;

/** Members vote and count for quorum; officers and guests are "also in attendance". */
export const PERSON_KINDS = ["member", "officer", "guest"] as const;
/** A member's office on the committee. */
export const MEMBER_ROLES = ["chair", "vice-chair", "member"] as const;
/** Attendance as declared at the start; arrivals and departures are logged separately. */
export const ATTENDANCE = ["present", "apologies", "absent", "substitute"] as const;

/** Someone on the meeting's attendance list. */
export const personSchema = z.object({
  id: personIdSchema,
  name: z.string().default(""),
  kind: z.enum(PERSON_KINDS).default("member"),
  role: z.enum(MEMBER_ROLES).default("member"),
  jobTitle: z.string().default(""),
  organisation: z.string().default(""),
  attendance: z.enum(ATTENDANCE).default("present"),
  substituteFor: z.string().nullable().default(null),
});
export type Person = z.infer<typeof personSchema>;
export type PersonInput = Partial<z.input<typeof personSchema>>;

/** A present member with a fresh id unless told otherwise. */
export function createPerson(input: PersonInput = {}): Person {
  return personSchema.parse({ id: newId(), ...input });
}

/** How a person is printed in the minutes: "Councillor Wendy Wild (Chair)", "Ann Schenk (Director of …)". */
export function describePerson(person: Person): string {
  const extra =
    person.kind === "member"
      ? person.role === "member"
        ? ""
        : roleLabel(person.role)
      : [person.jobTitle, person.organisation].filter(Boolean).join(", ");
  return extra ? `${person.name} (${extra})` : person.name;
}

function roleLabel(role: Person["role"]): string {
  return role === "chair" ? "Chair" : "Vice-Chair";
}

/** A person as the model keeps them: typed into name, job title and organisation. */
export const personEntity = entity({
  schema: personSchema,
  texts: ["name", "jobTitle", "organisation"],
  create: createPerson,
});
