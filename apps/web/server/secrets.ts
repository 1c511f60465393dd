import { type CommandSigner, commandSignerFrom } from "@fleetdeck/api";
import { type Keyring, parseKeyring } from "@fleetdeck/auth";

export class StartupError extends Error {}

const GENERATE = {
  FLEETDECK_ENCRYPTION_KEYS: `node -e "console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))"`,
  FLEETDECK_COMMAND_SIGNING_KEY: `node -e "console.log(require('crypto').generateKeyPairSync('ed25519').privateKey.export({format:'jwk'}).d)"`,
};

function required(name: keyof typeof GENERATE, value: string | undefined, what: string): string {
  if (!value)
    throw new StartupError(`${name} is not set (${what}); generate one with: ${GENERATE[name]}`);
  return value;
}

/** The server's two secrets, read once; a missing or malformed one is a one-line error. */
export function readSecrets(env: NodeJS.ProcessEnv): { keyring: Keyring; signer: CommandSigner } {
  const keys = required(
    "FLEETDECK_ENCRYPTION_KEYS",
    env.FLEETDECK_ENCRYPTION_KEYS,
    "it seals TOTP seeds",
  );
  const seed = required(
    "FLEETDECK_COMMAND_SIGNING_KEY",
    env.FLEETDECK_COMMAND_SIGNING_KEY,
    "it signs commands to agents",
  );
  try {
    return { keyring: parseKeyring(keys), signer: commandSignerFrom(seed) };
  } catch (error) {
    throw new StartupError(
      `server secrets: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
