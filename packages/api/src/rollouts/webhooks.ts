import { createHmac, randomUUID } from "node:crypto";
import { type Keyring, open } from "@fleetdeck/auth";
import type { Db } from "@fleetdeck/db";
import type { EmittedEvent } from "./events";

/** Where an organization's events go, with the signing secret already opened. */
export interface WebhookTarget {
  url: string;
  secret: string;
}

/** The JSON body of every delivery; `event` is also sent as `x-fleetdeck-event`. */
export interface WebhookPayload {
  event: string;
  at: string;
  message: string;
  [field: string]: unknown;
}

export interface WebhookAttempt {
  ok: boolean;
  /** The receiver's HTTP status; null when no answer came. */
  status: number | null;
  ms: number;
  error?: string;
}

export const WEBHOOK_TIMEOUT_MS = 5000;

/** The secret-box context of an organization's webhook secret. */
export const webhookSecretContext = (organizationId: string) => `webhook:${organizationId}`;

/** The `x-fleetdeck-signature` value: HMAC-SHA256 over the exact body bytes, hex. */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export async function loadWebhookTarget(
  db: Db,
  keyring: Keyring,
  organizationId: string,
): Promise<WebhookTarget | null> {
  const org = await db.prisma.organization.findUnique({
    where: { id: organizationId },
    select: { id: true, webhookUrl: true, webhookSecret: true },
  });
  if (!org?.webhookUrl || !org.webhookSecret) return null;
  return {
    url: org.webhookUrl,
    secret: open(keyring, org.webhookSecret, webhookSecretContext(org.id)),
  };
}

/**
 * One signed POST. Never throws: the outcome says what happened. Redirects are not
 * followed, so an https URL cannot bounce the event to plain http or elsewhere.
 */
export async function postWebhook(
  target: WebhookTarget,
  payload: WebhookPayload,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
  /** The same for every retry of one event, so a receiver can drop repeats. */
  deliveryId: string = randomUUID(),
): Promise<WebhookAttempt> {
  const body = JSON.stringify(payload);
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(target.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-fleetdeck-event": payload.event,
        "x-fleetdeck-delivery": deliveryId,
        "x-fleetdeck-signature": signWebhookBody(target.secret, body),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel().catch(() => {});
    if (res.ok) return { ok: true, status: res.status, ms: ms() };
    return { ok: false, status: res.status, ms: ms(), error: statusProblem(res) };
  } catch (error) {
    return { ok: false, status: null, ms: ms(), error: networkProblem(error, timeoutMs) };
  }
}

function statusProblem(res: Response): string {
  if (res.status >= 300 && res.status < 400) {
    const location = res.headers.get("location");
    return `The receiver redirected${location ? ` to ${location}` : ""}. Webhooks do not follow redirects: save the final URL.`;
  }
  return `The receiver answered ${res.status}${res.statusText ? ` ${res.statusText}` : ""}; only 2xx counts as delivered.`;
}

function networkProblem(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === "TimeoutError") {
    return `No answer within ${timeoutMs / 1000} s.`;
  }
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string }) : null;
  const detail = cause?.message || cause?.code || (error instanceof Error ? error.message : "");
  return `Could not reach the receiver${detail ? `: ${detail}` : ""}.`;
}

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
  const target = await loadWebhookTarget(db, keyring, events[0]?.organizationId ?? "");
  if (!target) return;
  for (const event of events) {
    const payload: WebhookPayload = {
      event: `rollout.${event.type}`,
      rolloutId: event.rolloutId,
      at: event.at.toISOString(),
      message: event.message,
      details: event.details,
    };
    const deliveryId = randomUUID();
    for (let attempt = 0; attempt < 3; attempt++) {
      if ((await postWebhook(target, payload, WEBHOOK_TIMEOUT_MS, deliveryId)).ok) break;
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }
}
