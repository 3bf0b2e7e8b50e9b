import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { createStore } from "../persistence/createStore";
import { describeDatabase } from "../persistence/postgres/database";
import { CliError } from "./CliError";
import { EXPORT_FORMATS, exportCommand, importCommand, roundtripCommand, writeOutput } from "./formatCommands";
import { meetingCreate, readPassword, tokenCreate, userAdd } from "./adminCommands";
import { dataFolderLine, isNewDataFolder } from "./dataFolder";
import { keyList, keyRotate } from "./keyCommands";
import { dbImport, dbMigrate } from "./dbCommands";

const USAGE = `Usage: npm run -s minutes -- <command>
  import FILE                                   agenda-item text -> JSON snapshot
  export FILE.json --format text|html|md|docx [--variant rich|compact] [--out PATH]
  roundtrip FILE                                import, then export in the file's own variant
  user add NAME --role admin|clerk|chair [--display-name N] [--password-stdin]
  meeting create --title T [--committee C] [--date YYYY-MM-DD] [--public]
  token --meeting ID --role clerk|chair|viewer [--hours N]
  key list                                      the signing keys (ids and dates, never secrets)
  key rotate [--drop-old]                       a new signing key; old ones verify their tokens until they expire
  db migrate                                    brings the database at DATABASE_URL up to date (the server does at start)
  db import --from-dir DIR                      copies a lowdb data folder into the database at DATABASE_URL; safe to re-run
Data: DATA_DIR (default ./data), or with STORE=postgres the database at DATABASE_URL, from the
environment or .env, as the server reads them; each command that uses data names the folder or
database on stderr. Safe to run while the server runs on the same data.`;

/** The commands that read or write the data folder. */
const DATA_COMMANDS = ["user add", "meeting create", "token", "key list", "key rotate"] as const;

async function run(argv: string[]): Promise<string | Uint8Array | null> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: "string", default: "text" },
      variant: { type: "string", default: "rich" },
      out: { type: "string" },
      role: { type: "string" },
      "display-name": { type: "string" },
      "password-stdin": { type: "boolean", default: false },
      title: { type: "string" },
      committee: { type: "string" },
      date: { type: "string" },
      public: { type: "boolean", default: false },
      meeting: { type: "string" },
      hours: { type: "string", default: "24" },
      "drop-old": { type: "boolean", default: false },
      "from-dir": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, ...rest] = positionals;
  const warn = (line: string) => process.stderr.write(`warning: ${line}\n`);
  const need = (what: string) => {
    if (!rest[0]) throw new CliError(`${command} needs ${what}.\n${USAGE}`, 2);
    return rest[0];
  };
  if (values.help || !command) return USAGE;
  if (values.variant !== "rich" && values.variant !== "compact")
    throw new CliError(`Unknown --variant "${values.variant}": use rich or compact.`, 2);
  // Checked before the input is read, so a bad option is reported as one (exit 2), not after the file's own problems.
  if (!(EXPORT_FORMATS as readonly string[]).includes(values.format))
    throw new CliError(`Unknown --format "${values.format}": use ${EXPORT_FORMATS.join(", ")}.`, 2);
  switch (command) {
    case "import":
      return importCommand(need("a FILE"), warn);
    case "export":
      return writeOutput(values.out, await exportCommand(need("a FILE.json"), values.format, values.variant));
    case "roundtrip":
      return roundtripCommand(need("a FILE"), warn);
  }
  if (command === "db") {
    const config = loadConfig();
    if (rest[0] === "migrate") return dbMigrate(config);
    if (rest[0] === "import") return dbImport(config, values["from-dir"]);
    throw new CliError(`Unknown command "${[command, ...rest].join(" ")}".\n${USAGE}`, 2);
  }
  const dataCommand = DATA_COMMANDS.find((c) => c === command || c === `${command} ${rest[0] ?? ""}`);
  if (!dataCommand) throw new CliError(`Unknown command "${[command, ...rest].join(" ")}".\n${USAGE}`, 2);
  // Usage errors first: a mistyped command touches no data and names no folder.
  if (dataCommand === "user add" && !rest[1]) throw new CliError(`user add needs a NAME.\n${USAGE}`, 2);
  if (dataCommand === "user add" && !values.role) throw new CliError("user add needs --role admin|clerk|chair.", 2);
  const config = loadConfig();
  if (config.store === "postgres" && config.database) {
    const from = config.sources.DATABASE_URL ? `DATABASE_URL from ${config.sources.DATABASE_URL}` : "DATABASE_URL";
    process.stderr.write(`minutes: database ${describeDatabase(config.database.url)} (${from})\n`);
  } else process.stderr.write(`minutes: ${dataFolderLine(config, await isNewDataFolder(config.dataDir))}\n`);
  const store = createStore({ ...config, database: config.database && { ...config.database, poolSize: 2 } });
  try {
    await store.open();
    switch (dataCommand) {
      case "user add":
        return await userAdd(store, rest[1]!, values.role!, await readPassword(values["password-stdin"]), values["display-name"]);
      case "meeting create":
        return await meetingCreate(store, { title: values.title, committee: values.committee, date: values.date, public: values.public });
      case "token":
        return await tokenCreate(store, values.meeting, values.role, Number(values.hours));
      case "key list":
        return await keyList(store);
      case "key rotate":
        return await keyRotate(store, values["drop-old"]);
    }
  } finally {
    await store.close();
  }
}

run(process.argv.slice(2)).then(
  (output) => {
    if (output === null) return;
    if (typeof output === "string") process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
    else process.stdout.write(output);
  },
  (error: Error) => {
    process.stderr.write(`minutes: ${error.message}\n`);
    process.exitCode =
      error instanceof CliError ? error.exitCode : (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? 2 : 1;
  },
);
