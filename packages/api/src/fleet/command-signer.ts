import type { KeyObject } from "node:crypto";
import {
  importPrivateKey,
  publicKeyOf,
  signCommand,
  type SignedCommand,
  type UnsignedCommand,
} from "@fleetdeck/protocol";

/** The server's command-signing identity; agents pin `publicKey` at enrollment. */
export interface CommandSigner {
  publicKey: string;
  sign(command: UnsignedCommand): SignedCommand;
}

/** From FLEETDECK_COMMAND_SIGNING_KEY: the base64url seed of an Ed25519 key. */
export function commandSignerFrom(privateKey: string): CommandSigner {
  const publicKey = publicKeyOf(privateKey);
  const key: KeyObject = importPrivateKey({ publicKey, privateKey });
  return { publicKey, sign: (command) => signCommand(key, command) };
}
