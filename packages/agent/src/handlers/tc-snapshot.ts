import { takeSnapshot } from "../tc/snapshot-command";
import { tcFor } from "./tc-service";
import type { Handler } from "./types";

/** Stores the tc state of the named interfaces (default: all) and returns it, counters aside. */
export const tcSnapshot: Handler<"tc.snapshot"> = async (args, ctx) => {
  const tc = await tcFor(ctx);
  return { output: await takeSnapshot(tc, args.interfaces) };
};
