import type { KeyObject } from "node:crypto";
import {
  type Rejection,
  type SignedCommand,
  signedCommandSchema,
  verifyCommandSignature,
} from "@fleetdeck/protocol";
import { z } from "zod";

export type Verdict =
  | { ok: true; command: SignedCommand }
  | { ok: false; id: string | null; rejection: Rejection; error: string };

const idOnly = z.object({ id: z.uuid() });

/**
 * The checks that need nothing but the message: a command is trusted only when the
 * PINNED server key signed it, and only for this host. Anything else that claims to be a
 * command is refused before its fields are believed (its id is used only to report).
 */
export function verifyCommand(raw: unknown, serverKey: KeyObject, hostId: string): Verdict {
  const parsed = signedCommandSchema.safeParse(raw);
  if (!parsed.success) {
    const id = idOnly.safeParse(raw);
    return {
      ok: false,
      id: id.success ? id.data.id : null,
      rejection: "bad_signature",
      error: "malformed command: cannot be verified",
    };
  }
  const command = parsed.data;
  if (!verifyCommandSignature(serverKey, command))
    return {
      ok: false,
      id: command.id,
      rejection: "bad_signature",
      error: "signature does not verify with the pinned server key",
    };
  if (command.hostId !== hostId)
    return {
      ok: false,
      id: command.id,
      rejection: "wrong_host",
      error: `command is for host ${command.hostId}, this is ${hostId}`,
    };
  return { ok: true, command };
}

/** Never start a command at or after its expiry. */
export function isExpired(command: SignedCommand, now = Date.now()): boolean {
  return now >= command.expiresAt;
}
