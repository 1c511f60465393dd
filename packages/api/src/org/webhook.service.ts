import { randomBytes } from "node:crypto";
import { type Keyring, open, SecretBoxError, seal } from "@fleetdeck/auth";
import type { Db } from "@fleetdeck/db";
import { AppError } from "../errors";
import {
  loadWebhookTarget,
  postWebhook,
  type WebhookAttempt,
  type WebhookTarget,
  webhookSecretContext,
} from "../rollouts/webhooks";
import { checkWebhookUrl } from "./webhook-url";

export interface WebhookView {
  url: string | null;
  configured: boolean;
  /** The secret's last characters, so an admin can tell which one a receiver holds. */
  secretHint?: string;
}

/** A new signing secret, shown once: 32 random bytes, base64url, with a recognisable prefix. */
const newSecret = () => `fdwh_${randomBytes(32).toString("base64url")}`;
const hintOf = (secret: string) => `…${secret.slice(-4)}`;

export async function getWebhook(
  db: Db,
  keyring: Keyring,
  organizationId: string,
): Promise<WebhookView> {
  const org = await db.prisma.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { webhookUrl: true, webhookSecret: true },
  });
  if (!org.webhookUrl || !org.webhookSecret) return { url: org.webhookUrl, configured: false };
  try {
    const secret = open(keyring, org.webhookSecret, webhookSecretContext(organizationId));
    return { url: org.webhookUrl, configured: true, secretHint: hintOf(secret) };
  } catch (error) {
    // A secret sealed with a key the server no longer has: still configured, no hint.
    if (error instanceof SecretBoxError) return { url: org.webhookUrl, configured: true };
    throw error;
  }
}

/** Saves the URL with a fresh secret; the plaintext secret is returned this once only. */
export async function setWebhook(db: Db, keyring: Keyring, organizationId: string, url: string) {
  const checked = checkWebhookUrl(url);
  const secret = newSecret();
  await db.prisma.organization.update({
    where: { id: organizationId },
    data: {
      webhookUrl: checked,
      webhookSecret: seal(keyring, secret, webhookSecretContext(organizationId)),
    },
  });
  return { url: checked, secret, secretHint: hintOf(secret) };
}

export async function rotateWebhookSecret(db: Db, keyring: Keyring, organizationId: string) {
  const secret = newSecret();
  const { count } = await db.prisma.organization.updateMany({
    where: { id: organizationId, webhookUrl: { not: null } },
    data: { webhookSecret: seal(keyring, secret, webhookSecretContext(organizationId)) },
  });
  if (count === 0) throw new AppError("PRECONDITION_FAILED", "Save a webhook URL first.");
  return { secret, secretHint: hintOf(secret) };
}

/** Stops deliveries at once; returns the URL that was set, if any. */
export async function removeWebhook(db: Db, organizationId: string) {
  const before = await db.prisma.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { webhookUrl: true },
  });
  await db.prisma.organization.update({
    where: { id: organizationId },
    data: { webhookUrl: null, webhookSecret: null },
  });
  return { removedUrl: before.webhookUrl };
}

/** One signed `webhook.test` event, sent now (no retries), and what the receiver said. */
export async function testWebhook(
  db: Db,
  keyring: Keyring,
  organizationId: string,
  sentBy: string,
): Promise<WebhookAttempt> {
  let target: WebhookTarget | null;
  try {
    target = await loadWebhookTarget(db, keyring, organizationId);
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    throw new AppError(
      "PRECONDITION_FAILED",
      "The signing secret cannot be opened with this server's keys. Rotate the secret.",
    );
  }
  if (!target) throw new AppError("PRECONDITION_FAILED", "Save a webhook URL first.");
  return postWebhook(target, {
    event: "webhook.test",
    at: new Date().toISOString(),
    message: `A test event from Fleetdeck, sent by ${sentBy}. Nothing changed.`,
    details: { sentBy },
  });
}
