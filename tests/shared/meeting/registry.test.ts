import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { z } from "zod";
import {
  ITEM_LIST_ENTITIES,
  ITEM_LISTS,
  agendaItemSchema,
  defineModel,
  entity,
  newId,
  slotAt,
  slotsOf,
  snapshotsOf,
  textAt,
} from "../../../shared/meeting";

// A list type the application does not have: questions put to an officer, each typed into
// and carrying a plain field. Declared here, beside a registry of its own, so that the test
// shows everything else follows from one entity file and one line in the registry (SPEC 13).
const questionSchema = z.object({
  id: z.string().min(1).brand<"QuestionId">(),
  text: z.string().default(""),
  askedBy: z.string().default(""),
  answered: z.boolean().default(false),
});
type QuestionInput = Partial<z.input<typeof questionSchema>>;
const questionEntity = entity({
  schema: questionSchema,
  texts: ["text", "askedBy"],
  create: (input: QuestionInput) => questionSchema.parse({ id: newId(), ...input }),
});

const model = defineModel({ ...ITEM_LIST_ENTITIES, questions: questionEntity });
const snapshots = snapshotsOf(model);

function meetingWithQuestion() {
  const question = model.lists.questions.create({ text: "What will it cost?", askedBy: "Cllr Wild" });
  const item = model.item.create({ title: "Budget", questions: [question] });
  const doc = new Y.Doc();
  snapshots.loadSnapshot(doc, model.meeting.create({ id: "m-1", items: [item] }));
  return { doc, item, question };
}

describe("the registry: an item's lists in one table (SPEC 13)", () => {
  it("names the application's lists in the order of the item schema's", () => {
    const arrays = Object.entries(agendaItemSchema.shape)
      .filter(([, field]) => field instanceof z.ZodDefault && field.unwrap() instanceof z.ZodArray)
      .map(([name]) => name);
    expect(ITEM_LISTS).toEqual(arrays);
    expect(ITEM_LISTS).toEqual(["purpose", "narrative", "discussion", "declarations", "resolutions", "actions", "motions", "documents"]);
  });

  it("grows the item's schema and factory by a list added to the table, with defaults for its entries", () => {
    expect(model.listNames).toEqual([...ITEM_LISTS, "questions"]);
    const item = model.item.create({ questions: [{ id: "q-1", text: "Why?" }] });
    expect(item.questions).toEqual([{ id: "q-1", text: "Why?", askedBy: "", answered: false }]);
    expect(model.item.create({}).questions).toEqual([]);
    expect(model.lists.questions.create({}).id).toMatch(/^[a-z0-9]{16}$/);
    expect(() => model.item.create({ questions: [{ id: "q-1", answered: "yes" as never }] })).toThrow(/answered/);
    expect("questions" in agendaItemSchema.shape).toBe(false);
  });

  it("lays the new list out in the document: entries keyed by id, typed fields as Y.Text, plain fields as values", () => {
    const { doc, item, question } = meetingWithQuestion();
    const path = ["items", item.id, "questions", question.id];
    expect(textAt(doc, [...path, "text"])?.toString()).toBe("What will it cost?");
    expect(textAt(doc, [...path, "askedBy"])?.toString()).toBe("Cllr Wild");
    const entry = (doc.getMap("items").get(item.id) as Y.Map<unknown>).get("questions") as Y.Map<Y.Map<unknown>>;
    expect(entry.get(question.id)!.get("answered")).toBe(false);
  });

  it("gives the update guard a slot for every place of the new list, and none in a model without it", () => {
    const slots = slotsOf(model);
    expect(slots(["items", "i", "questions"])).toEqual({ kind: "map" });
    expect(slots(["items", "i", "questions", "q"])).toEqual({ kind: "map" });
    expect(slots(["items", "i", "questions", "q", "text"])).toEqual({ kind: "text" });
    expect(slots(["items", "i", "questions", "q", "askedBy", "#"])).toEqual({ kind: "chars" });
    const answered = slots(["items", "i", "questions", "q", "answered"]);
    expect(answered?.kind === "value" && answered.accepts(true)).toBe(true);
    expect(answered?.kind === "value" && answered.accepts("yes")).toBe(false);
    expect(slots(["items", "i", "questions", "q", "pos"])?.kind).toBe("value");
    expect(slots(["items", "i", "questions", "q", "unknown"])).toBeNull();
    expect(slotAt(["items", "i", "questions"])).toBeNull();
    expect(slotAt(["items", "i", "questions", "q", "text"])).toBeNull();
  });

  it("reads the new list back into the snapshot, in order, with the rest of the item", () => {
    const { doc, item, question } = meetingWithQuestion();
    const later = model.lists.questions.create({ text: "When?" });
    const list = (doc.getMap("items").get(item.id) as Y.Map<unknown>).get("questions") as Y.Map<Y.Map<unknown>>;
    doc.transact(() => {
      const map = new Y.Map<unknown>();
      map.set("text", new Y.Text(later.text));
      map.set("askedBy", new Y.Text(""));
      map.set("answered", true);
      map.set("pos", "a9");
      list.set(later.id, map);
    });
    const read = snapshots.toSnapshot(doc).items[0]!;
    expect(read.title).toBe("Budget");
    expect(read.questions).toEqual([question, { ...later, answered: true }]);
    expect(snapshots.readItem(doc, item.id).questions).toEqual(read.questions);
  });
});
