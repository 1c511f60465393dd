import { createHmac } from "node:crypto";
import { type Keyring, open } from "@fleetdeck/auth";
import type { Db } from "@fleetdeck/db";
import type { EmittedEvent } from "./events";

/**
 * Rollout state changes to the organization's webhook, if it has one: JSON signed with
 * HMAC-SHA256 (`x-fleetdeck-signature: sha256=<hex>` over the exact body). Sent after the
 * state change committed, retried a few times, never blocking the engine.
 */
export function sendWebhooks(db: Db, keyring: Keyring, events: EmittedEvent[]): void {
  if (events.length === 0) return;
  void deliver(db, keyring, events).catch(() => {});
}

async function deliver(db: Db, keyring: Keyring, events: EmittedEvent[]) {
  const org = await db.prisma.organization.findUnique({
    where: { id: events[0]?.organizationId ?? "" },
    select: { id: true, webhookUrl: true, webhookSecret: true },
  });
  if (!org?.webhookUrl || !org.webhookSecret) return;
  const secret = open(keyring, org.webhookSecret, `webhook:${org.id}`);
  for (const event of events) {
    const body = JSON.stringify({
      event: `rollout.${event.type}`,
      rolloutId: event.rolloutId,
      at: event.at.toISOString(),
      message: event.message,
      details: event.details,
    });
    const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const res = await fetch(org.webhookUrl, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-fleetdeck-event": `rollout.${event.type}`,
            "x-fleetdeck-signature": signature,
          },
          body,
          signal: AbortSignal.timeout(5000),
        });
        if (res.ok) break;
      } catch {
        // retried below
      }
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }
}
