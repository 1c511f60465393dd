import {
  type CommandArgs,
  type CommandType,
  commandArgsSchemas,
  commandTypeSchema,
} from "@fleetdeck/protocol";
import { crashCollect } from "./crash-collect";
import { diagnosticsCollect } from "./diagnostics";
import { factsRefresh } from "./facts-refresh";
import { ping } from "./ping";
import { tcApply } from "./tc-apply";
import { tcDryRun } from "./tc-dry-run";
import { tcRestore } from "./tc-restore";
import { tcSnapshot } from "./tc-snapshot";
import type { HandlerContext, HandlerOutcome, HandlerTable } from "./types";
import { vmcoreFetch } from "./vmcore-fetch";

export {
  type Handler,
  type HandlerContext,
  HandlerError,
  type HandlerOutcome,
  type HandlerTable,
} from "./types";

/** The allow-list: a type missing here is refused with `unknown_type`. */
export const HANDLERS = {
  "agent.ping": ping,
  "facts.refresh": factsRefresh,
  "diagnostics.collect": diagnosticsCollect,
  "tc.apply": tcApply,
  "tc.snapshot": tcSnapshot,
  "tc.restore": tcRestore,
  "tc.dry-run": tcDryRun,
  "crash.collect": crashCollect,
  "vmcore.fetch": vmcoreFetch,
} satisfies HandlerTable;

export type ParsedCommand =
  | { ok: true; run: (ctx: HandlerContext) => Promise<HandlerOutcome> }
  | { ok: false; rejection: "unknown_type" | "bad_args"; error: string };

/** Checks type and arguments, and binds them to their handler, ready to run. */
export function prepareCommand(
  type: string,
  args: unknown,
  table: HandlerTable = HANDLERS,
): ParsedCommand {
  const known = commandTypeSchema.safeParse(type);
  if (!known.success)
    return { ok: false, rejection: "unknown_type", error: `unknown type ${type}` };
  return bind(known.data, args, table);
}

function bind<T extends CommandType>(type: T, args: unknown, table: HandlerTable): ParsedCommand {
  const parsed = commandArgsSchemas[type].safeParse(args ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return { ok: false, rejection: "bad_args", error: `${where}${issue?.message ?? "invalid"}` };
  }
  const handler = table[type];
  if (!handler)
    return {
      ok: false,
      rejection: "unknown_type",
      error: `${type} is not supported by this agent version`,
    };
  return { ok: true, run: (ctx) => handler(parsed.data as CommandArgs<T>, ctx) };
}
