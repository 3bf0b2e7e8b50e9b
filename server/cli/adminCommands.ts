import { createInterface } from "node:readline";
import { newId } from "../../shared/meeting";
import { createUserSchema } from "../../shared/protocol/api";
import { MEETING_ROLES, USER_ROLES } from "../../shared/protocol/roles";
import { hashPassword } from "../auth/passwords";
import { TokenSigner } from "../auth/tokens";
import { MAX_TOKEN_HOURS } from "../auth/signingKeys";
import type { Store } from "../persistence/Store";
import { describeIssues } from "../errors";
import { CliError } from "./CliError";

/** Reads a password from stdin (one line), or asks for it on a terminal without echoing it. */
export async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
  let asked = false;
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => (asked ? undefined : write(s));
  const answer = await new Promise<string>((resolve) => {
    rl.question("Password: ", resolve);
    asked = true;
  });
  rl.close();
  process.stderr.write("\n");
  return answer;
}

/** `user add NAME --role R`: creates an account with a hashed password. */
export async function userAdd(store: Store, name: string, role: string, password: string, displayName = ""): Promise<string> {
  const parsed = createUserSchema.safeParse({ name, role, password, displayName });
  if (!parsed.success) {
    const hint = parsed.error.issues.some((i) => i.path[0] === "role") ? ` (a role is one of ${USER_ROLES.join(", ")})` : "";
    throw new CliError(`Invalid ${describeIssues(parsed.error)}${hint}`);
  }
  const user = {
    id: newId(),
    name: parsed.data.name,
    displayName: parsed.data.displayName,
    role: parsed.data.role,
    passwordHash: await hashPassword(parsed.data.password),
    createdAt: new Date().toISOString(),
  };
  try {
    await store.saveUser(user);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  return JSON.stringify({ id: user.id, name: user.name, role: user.role });
}

/** `meeting create --title T`: adds a meeting to the index; the server loads its document on first use. */
export async function meetingCreate(
  store: Store,
  input: { title?: string; committee?: string; date?: string; public?: boolean },
): Promise<string> {
  if (!input.title?.trim()) throw new CliError("meeting create needs --title.");
  if (input.date && !/^\d{4}-\d{2}-\d{2}$/.test(input.date)) throw new CliError(`Invalid --date "${input.date}": use YYYY-MM-DD.`);
  const now = new Date().toISOString();
  const id = newId();
  await store.saveMeeting({
    id,
    title: input.title.trim(),
    committee: input.committee ?? "",
    date: input.date ?? "",
    status: "draft",
    public: input.public ?? false,
    roles: {},
    createdAt: now,
    updatedAt: now,
  });
  return JSON.stringify({ id });
}

/** `token --meeting ID --role R`: a signed token for one role in one meeting. */
export async function tokenCreate(store: Store, meetingId: string | undefined, role: string | undefined, hours: number): Promise<string> {
  if (!meetingId) throw new CliError("token needs --meeting ID.");
  if (!role || !(MEETING_ROLES as readonly string[]).includes(role))
    throw new CliError(`token needs --role ${MEETING_ROLES.join("|")}${role ? `, not "${role}"` : ""}.`);
  if (!(await store.getMeeting(meetingId))) throw new CliError(`No meeting with id "${meetingId}".`);
  if (!(hours > 0)) throw new CliError(`Invalid --hours: must be a positive number.`);
  if (hours > MAX_TOKEN_HOURS)
    throw new CliError(`Invalid --hours ${hours}: a token lives at most ${MAX_TOKEN_HOURS} hours (a year and a day).`);
  return new TokenSigner(store).sign({
    k: "meeting",
    m: meetingId,
    r: role as (typeof MEETING_ROLES)[number],
    e: Date.now() + hours * 3600_000,
  });
}
