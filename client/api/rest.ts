import type { LobbyMeeting } from "../../shared/protocol/events";
import type { MeetingSnapshot, MeetingStatus, StatusChange } from "../../shared/meeting";
import type { MeetingRole } from "../../shared/protocol/roles";
import type { Phrase } from "../../shared/meeting/phrasebook";
import type { HouseStyle } from "../../shared/format/houseStyle";

/** An account as the API returns it. */
export interface SessionUser {
  id: string;
  name: string;
  displayName: string;
  role: "admin" | "clerk" | "chair";
}

/** An API failure with the server's code and message (or a network failure). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "offline", "Cannot reach the server. Check the connection and try again.");
  }
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!response.ok)
    throw new ApiError(response.status, data?.error?.code ?? "internal", data?.error?.message ?? `The server answered ${response.status}.`);
  return data as T;
}

/** The meeting's index record plus the caller's role. */
export type MeetingInfo = LobbyMeeting & { roles: Record<string, MeetingRole>; statusLog?: StatusChange[] };

/** Typed calls to the REST API (docs/api.md). */
export const api = {
  /** Who is signed in; `user` is null when nobody is (an answer, not an error). */
  session: () => request<{ user: SessionUser | null }>("GET", "/api/session"),
  /** The caller's role in a meeting (null: none), without its minutes. */
  access: (id: string) =>
    request<{ meetingId: string; public: boolean; role: MeetingRole | null }>("GET", `/api/meetings/${encodeURIComponent(id)}/access`),
  signIn: (name: string, password: string) => request<{ user: SessionUser }>("POST", "/api/session", { name, password }),
  signOut: () => request<void>("DELETE", "/api/session"),
  meetings: () => request<MeetingInfo[]>("GET", "/api/meetings"),
  meeting: (id: string) => request<{ meeting: MeetingInfo; snapshot: MeetingSnapshot }>("GET", `/api/meetings/${id}`),
  createMeeting: (input: {
    title: string;
    committee: string;
    date: string;
    startTime: string;
    venue: string;
    public: boolean;
    agenda?: string;
  }) => request<MeetingInfo & { warnings: { line: number; message: string }[] }>("POST", "/api/meetings", input),
  /** A status step (SPEC 15); the server answers with the record and its history. */
  changeStatus: (id: string, status: MeetingStatus, reason = "") =>
    request<MeetingInfo>("POST", `/api/meetings/${id}/status`, { status, reason }),
  updateMeeting: (
    id: string,
    input: Partial<{
      title: string;
      committee: string;
      date: string;
      startTime: string;
      venue: string;
      quorum: number | null;
      status: string;
      public: boolean;
    }>,
  ) => request<MeetingInfo>("PATCH", `/api/meetings/${id}`, input),
  /** Adds the item whose confirmed resolution approves an earlier meeting's minutes. */
  addApprovalItem: (id: string, earlierId: string) =>
    request<{ itemId: string; resolutionId: string }>("POST", `/api/meetings/${id}/approval-items`, { meetingId: earlierId }),
  deleteMeeting: (id: string) => request<void>("DELETE", `/api/meetings/${id}`),
  /** Every account (managers only). */
  users: () => request<{ id: string; name: string; displayName: string; role: "admin" | "clerk" | "chair" }[]>("GET", "/api/users"),
  /** Gives a person a role in one meeting, or none (null). */
  assignRole: (id: string, userId: string, role: MeetingRole | null) =>
    request<{ roles: Record<string, MeetingRole> }>("PUT", `/api/meetings/${id}/roles/${encodeURIComponent(userId)}`, { role }),
  importAgenda: (id: string, text: string) =>
    request<{ itemIds: string[]; warnings: { line: number; message: string }[]; styleSet: boolean; style: HouseStyle }>(
      "POST",
      `/api/meetings/${id}/import`,
      { text },
    ),
  versions: (id: string) =>
    request<{ id: string; at: string; by: string; label: string; bytes: number }[]>("GET", `/api/meetings/${id}/versions`),
  saveVersion: (id: string, label: string) => request<{ id: string }>("POST", `/api/meetings/${id}/versions`, { label }),
  version: (id: string, versionId: string) => request<MeetingSnapshot>("GET", `/api/meetings/${id}/versions/${versionId}`),
  restoreVersion: (id: string, versionId: string) => request<unknown>("POST", `/api/meetings/${id}/versions/${versionId}/restore`),
  phrasebook: (committee: string) =>
    request<{ committee: string; standard: boolean; phrases: Phrase[] }>("GET", `/api/phrasebooks/${encodeURIComponent(committee)}`),
  savePhrasebook: (committee: string, phrases: Phrase[]) =>
    request<{ phrases: Phrase[] }>("PUT", `/api/phrasebooks/${encodeURIComponent(committee)}`, { phrases }),
  houseStyle: (committee: string) =>
    request<{ committee: string; standard: boolean; style: HouseStyle }>("GET", `/api/styles/${encodeURIComponent(committee)}`),
  saveHouseStyle: (committee: string, style: HouseStyle) =>
    request<{ style: HouseStyle }>("PUT", `/api/styles/${encodeURIComponent(committee)}`, { style }),
  /** Without a variant the committee's house style decides. */
  exportUrl: (id: string, format: "text" | "html" | "md" | "docx", variant?: "rich" | "compact") =>
    `/api/meetings/${id}/export?format=${format}${variant ? `&variant=${variant}` : ""}`,
};
