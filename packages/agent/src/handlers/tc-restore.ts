import { SNAPSHOT_ID } from "../tc/paths";
import { type RestoreTarget, TcStateError } from "../tc/service";
import { tcFor } from "./tc-service";
import { type Handler, HandlerError } from "./types";

/**
 * "previous": the state before the current revision (the snapshot its apply took);
 * "snapshot": any stored snapshot by id. Output: tcApplyOutputSchema.
 */
export const tcRestore: Handler<"tc.restore"> = async (args, ctx) => {
  let target: RestoreTarget = { target: "previous" };
  if (args.target === "snapshot") {
    const id = args.snapshotId;
    if (!id) throw new HandlerError("target snapshot needs a snapshotId");
    if (!SNAPSHOT_ID.test(id)) throw new HandlerError(`invalid snapshot id ${JSON.stringify(id)}`);
    target = { target: "snapshot", snapshotId: id };
  }
  const tc = await tcFor(ctx);
  try {
    const outcome = await tc.restore(target);
    if (!outcome.ok) {
      const why = `restore incomplete: ${outcome.output.differences.slice(0, 3).join("; ")}`;
      throw new HandlerError(why, null, "", outcome.output);
    }
    return { output: outcome.output };
  } catch (error) {
    if (error instanceof TcStateError) throw new HandlerError(error.message);
    throw error;
  }
};
