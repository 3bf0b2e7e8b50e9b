import { z } from "zod";
import { newId } from "./ids";
import type { AnyEntity, Entity } from "./entity";
import { entity } from "./entity";
import { ITEM_TEXTS, agendaItemFieldsSchema, officerContactEntity } from "./AgendaItem";
import { meetingFieldsSchema } from "./Meeting";
import { personEntity, personSchema } from "./Person";
import { attendanceEventEntity, attendanceEventSchema } from "./AttendanceEvent";
import { blockEntity } from "./Block";
import { discussionEntryEntity } from "./DiscussionEntry";
import { declarationEntity } from "./Declaration";
import { resolutionEntity } from "./Resolution";
import { actionEntity } from "./Action";
import { motionEntity } from "./Motion";
import { supportingDocumentEntity } from "./SupportingDocument";

/**
 * The lists an agenda item holds, each an ordered collection of one entity, in the order
 * the snapshot lists them. Adding a list to an item is one line here (and, for a new kind
 * of entry, its entity file): the item's schema, the document's layout, the update guard's
 * slots, the factories and the snapshot all follow from this table (see SPEC.md).
 */
export const ITEM_LIST_ENTITIES = {
  purpose: blockEntity,
  narrative: blockEntity,
  discussion: discussionEntryEntity,
  declarations: declarationEntity,
  resolutions: resolutionEntity,
  actions: actionEntity,
  motions: motionEntity,
  documents: supportingDocumentEntity,
} as const;

/** An item's lists by name, each holding entries of one entity. */
export type ItemListEntities = Readonly<Record<string, AnyEntity>>;

type ListFields<L extends ItemListEntities> = { [K in keyof L]: z.ZodDefault<z.ZodArray<L[K]["schema"]>> };

function listFields<L extends ItemListEntities>(lists: L): ListFields<L> {
  // Built from the table at run time, so the mapped type is asserted once, here.
  return Object.fromEntries(Object.entries(lists).map(([name, e]) => [name, z.array(e.schema).default([])])) as ListFields<L>;
}

/**
 * The whole model from an item's lists: the agenda item and the meeting as entities, with
 * their schemas grown by the lists, and the people and attendance log beside them.
 */
export function defineModel<L extends ItemListEntities>(lists: L) {
  const itemSchema = agendaItemFieldsSchema.extend(listFields(lists));
  type ItemInput = Partial<z.input<typeof itemSchema>>;
  const item: Entity<typeof itemSchema, ItemInput> = {
    schema: itemSchema,
    texts: ITEM_TEXTS,
    lists,
    maps: { officerContact: officerContactEntity },
    skip: [],
    create: (input) => itemSchema.parse({ id: newId(), ...input }),
  };
  const meetingSchema = meetingFieldsSchema.extend({
    people: z.array(personSchema).default([]),
    attendance: z.array(attendanceEventSchema).default([]),
    items: z.array(itemSchema).default([]),
  });
  type MeetingInput = Partial<z.input<typeof meetingSchema>>;
  const meeting = entity({
    schema: meetingSchema,
    create: (input: MeetingInput) => meetingSchema.parse({ id: newId(), ...input }),
  });
  return {
    item,
    meeting,
    person: personEntity,
    attendance: attendanceEventEntity,
    lists,
    listNames: Object.keys(lists) as (keyof L & string)[],
  };
}

/** A model as the layout, the guard and the snapshot see it, whatever lists its items hold. */
export interface Model {
  readonly item: AnyEntity;
  readonly meeting: AnyEntity;
  readonly person: AnyEntity;
  readonly attendance: AnyEntity;
  readonly lists: ItemListEntities;
  readonly listNames: readonly string[];
}

/** The meeting model this application runs on. */
export const MODEL = defineModel(ITEM_LIST_ENTITIES);

/** The lists an item holds, each an ordered collection of entries with ids. */
export const ITEM_LISTS = MODEL.listNames;
/** The name of one of an item's lists. */
export type ItemListName = keyof typeof ITEM_LIST_ENTITIES;
/** What a new entry of each list may be given; the rest takes its defaults. */
export type EntryInputs = { [L in ItemListName]: Parameters<(typeof ITEM_LIST_ENTITIES)[L]["create"]>[0] };
/** The id of an entry of each list, branded by its entity. */
export type EntryIds = { [L in ItemListName]: z.infer<(typeof ITEM_LIST_ENTITIES)[L]["schema"]>["id"] };

/** Each list's entity, typed so that a list name known only as `L` still pairs its factory's input with its entry. */
export const ENTRY_ENTITIES: {
  readonly [L in ItemListName]: AnyEntity & { create(input: EntryInputs[L]): { id: EntryIds[L] } & Record<string, unknown> };
} = ITEM_LIST_ENTITIES;

/** One agenda item: what was written before the meeting (purpose, contact) and the minutes of it. */
export const agendaItemSchema = MODEL.item.schema;
export type AgendaItem = z.infer<typeof agendaItemSchema>;
export type AgendaItemInput = Partial<z.input<typeof agendaItemSchema>>;

/** The whole meeting as plain JSON: what the CLI prints, the exports read, and the tests compare. */
export const meetingSnapshotSchema = MODEL.meeting.schema;
export type MeetingSnapshot = z.infer<typeof meetingSnapshotSchema>;
export type MeetingSnapshotInput = z.input<typeof meetingSnapshotSchema>;

/** An empty item with a fresh id. */
export function createAgendaItem(input: AgendaItemInput = {}): AgendaItem {
  return MODEL.item.create(input);
}

/** A meeting snapshot with defaults filled in and a fresh id unless one is given. */
export function createMeetingSnapshot(input: Partial<MeetingSnapshotInput> = {}): MeetingSnapshot {
  return MODEL.meeting.create(input);
}
