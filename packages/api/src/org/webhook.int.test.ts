import { randomUUID } from "node:crypto";
import { open } from "@fleetdeck/auth";
import type { Db } from "@fleetdeck/db";
import { dbTest } from "@fleetdeck/db/testing";
import { TRPCError } from "@trpc/server";
import { describe, expect } from "vitest";
import { createCaller } from "../root";
import { postWebhook, sendWebhooks } from "../rollouts/webhooks";
import { contextFor, testKeyring } from "../testing/context";
import { memberOf } from "../testing/people";
import { startWebhookReceiver, verifyWebhookSignature } from "../testing/webhook-receiver";

async function callerFor(db: Db, member: { token: string; slug: string }) {
  return createCaller(await contextFor(db, { sessionToken: member.token, orgSlug: member.slug }));
}

async function stored(db: Db, organizationId: string) {
  return db.prisma.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { webhookUrl: true, webhookSecret: true },
  });
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("the organization webhook", () => {
  dbTest("invalid URLs are refused with a sentence and change nothing", async ({ db }) => {
    const admin = await memberOf(db, "acme", "admin");
    const caller = await callerFor(db, admin);
    for (const url of ["", "hooks.example.com", "ftp://example.com/", "http://example.com/"]) {
      expect((await failure(caller.org.setWebhook({ url }))).code).toBe("BAD_REQUEST");
    }
    expect(await stored(db, admin.orgId)).toEqual({ webhookUrl: null, webhookSecret: null });

    const { url } = await caller.org.setWebhook({ url: "https://hooks.example.com/in" });
    const before = await stored(db, admin.orgId);
    const refused = await failure(caller.org.setWebhook({ url: "http://hooks.example.com/in" }));
    expect(refused).toEqual({
      code: "BAD_REQUEST",
      message:
        "Use https://. Plain http:// is only allowed for localhost and 127.0.0.1, a receiver on the Fleetdeck server itself.",
    });
    expect(await stored(db, admin.orgId)).toEqual(before);
    expect(before.webhookUrl).toBe(url);
    // Only the one successful change was audited.
    expect(await db.prisma.auditEvent.count({ where: { action: "org.setWebhook" } })).toBe(1);
  });

  dbTest(
    "the secret is returned once, stored sealed, and kept out of reads and the audit log",
    async ({ db }) => {
      const admin = await memberOf(db, "acme", "admin");
      const caller = await callerFor(db, admin);
      expect(await caller.org.webhook()).toEqual({ url: null, configured: false });

      const saved = await caller.org.setWebhook({
        url: "https://hooks.example.com/in?token=t0ps3cret",
      });
      expect(saved.url).toBe("https://hooks.example.com/in?token=t0ps3cret");
      expect(saved.secret).toMatch(/^fdwh_[A-Za-z0-9_-]{43}$/);

      const row = await stored(db, admin.orgId);
      expect(row.webhookSecret).toMatch(/^v1\./);
      expect(row.webhookSecret).not.toContain(saved.secret.slice(5));
      expect(open(testKeyring, row.webhookSecret ?? "", `webhook:${admin.orgId}`)).toBe(
        saved.secret,
      );
      // Sealed for this organization: copied into another one's row it does not open.
      expect(() => open(testKeyring, row.webhookSecret ?? "", `webhook:${randomUUID()}`)).toThrow();

      const view = await caller.org.webhook();
      expect(view).toEqual({
        url: saved.url,
        configured: true,
        secretHint: `…${saved.secret.slice(-4)}`,
      });
      expect(JSON.stringify(view)).not.toContain(saved.secret);
      // Whole-row reads leave the secret column out unless it is asked for by name.
      const wholeRow = await db.prisma.organization.findUniqueOrThrow({
        where: { id: admin.orgId },
      });
      expect(wholeRow).not.toHaveProperty("webhookSecret");

      const rotated = await caller.org.rotateWebhookSecret();
      expect(rotated.secret).not.toBe(saved.secret);
      expect((await caller.org.webhook()).secretHint).toBe(`…${rotated.secret.slice(-4)}`);
      await caller.org.removeWebhook();
      expect(await stored(db, admin.orgId)).toEqual({ webhookUrl: null, webhookSecret: null });
      expect((await failure(caller.org.rotateWebhookSecret())).code).toBe("PRECONDITION_FAILED");
      expect((await failure(caller.org.testWebhook())).message).toBe("Save a webhook URL first.");

      const audit = await db.prisma.auditEvent.findMany({
        where: { organizationId: admin.orgId },
        orderBy: { id: "asc" },
        select: {
          action: true,
          actorUserId: true,
          targetType: true,
          targetId: true,
          details: true,
        },
      });
      expect(audit.map((a) => a.action)).toEqual([
        "org.setWebhook",
        "org.rotateWebhookSecret",
        "org.removeWebhook",
      ]);
      for (const event of audit) {
        expect(event).toMatchObject({
          actorUserId: admin.userId,
          targetType: "organization",
          targetId: admin.orgId,
        });
      }
      expect(audit[0]?.details).toEqual({ url: "https://hooks.example.com/in?…" });
      const logged = JSON.stringify(audit);
      for (const secret of [saved.secret, rotated.secret, "t0ps3cret", row.webhookSecret ?? ""]) {
        expect(logged).not.toContain(secret);
      }
    },
  );

  dbTest(
    "a test event reaches a real receiver, signed with the secret shown once",
    async ({ db }) => {
      const admin = await memberOf(db, "acme", "owner");
      const caller = await callerFor(db, admin);
      const receiver = await startWebhookReceiver();
      try {
        const { secret } = await caller.org.setWebhook({ url: receiver.url });
        const result = await caller.org.testWebhook();
        expect(result).toEqual({ ok: true, status: 204, ms: expect.any(Number) });
        const [request] = await receiver.waitFor(1);
        expect(request?.headers).toMatchObject({
          "content-type": "application/json",
          "x-fleetdeck-event": "webhook.test",
        });
        const signature = request?.headers["x-fleetdeck-signature"] as string;
        expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
        expect(verifyWebhookSignature(secret, request?.body ?? "", signature)).toBe(true);
        expect(verifyWebhookSignature(`${secret}x`, request?.body ?? "", signature)).toBe(false);
        expect(JSON.parse(request?.body ?? "")).toMatchObject({
          event: "webhook.test",
          at: expect.any(String),
          details: { sentBy: admin.email },
        });

        // After a rotation the old secret no longer verifies; the new one does.
        const rotated = await caller.org.rotateWebhookSecret();
        await caller.org.testWebhook();
        const [, second] = await receiver.waitFor(2);
        const header = second?.headers["x-fleetdeck-signature"] as string;
        expect(verifyWebhookSignature(rotated.secret, second?.body ?? "", header)).toBe(true);
        expect(verifyWebhookSignature(secret, second?.body ?? "", header)).toBe(false);

        // What the receiver answered comes back to the admin.
        receiver.answerWith(500);
        expect(await caller.org.testWebhook()).toMatchObject({
          ok: false,
          status: 500,
          error: expect.stringMatching(/answered 500/),
        });
        receiver.answerWith(302);
        expect(await caller.org.testWebhook()).toMatchObject({
          ok: false,
          status: 302,
          error: expect.stringMatching(/do not follow redirects/),
        });
        expect(receiver.received).toHaveLength(4);
        const audit = await db.prisma.auditEvent.findMany({
          where: { action: "org.testWebhook" },
          orderBy: { id: "asc" },
          select: { details: true },
        });
        expect(audit.map((a) => a.details)).toEqual([
          { ok: true, status: 204 },
          { ok: true, status: 204 },
          { ok: false, status: 500 },
          { ok: false, status: 302 },
        ]);
      } finally {
        await receiver.close();
      }
      // Nobody listening any more.
      expect(await caller.org.testWebhook()).toMatchObject({
        ok: false,
        status: null,
        error: expect.stringMatching(/^Could not reach the receiver: .*ECONNREFUSED/),
      });
    },
  );

  dbTest("a silent receiver times out instead of holding the request", async () => {
    const receiver = await startWebhookReceiver();
    try {
      receiver.answerWith("hang");
      const result = await postWebhook(
        { url: receiver.url, secret: "s" },
        { event: "webhook.test", at: new Date().toISOString(), message: "hello" },
        200,
      );
      expect(result).toMatchObject({ ok: false, status: null, error: "No answer within 0.2 s." });
      expect(result.ms).toBeGreaterThanOrEqual(190);
      expect(result.ms).toBeLessThan(2000);
    } finally {
      await receiver.close();
    }
  });

  dbTest("rollout events are signed the same way", async ({ db }) => {
    const admin = await memberOf(db, "acme", "admin");
    const caller = await callerFor(db, admin);
    const receiver = await startWebhookReceiver();
    try {
      const { secret } = await caller.org.setWebhook({ url: receiver.url });
      const rolloutId = randomUUID();
      sendWebhooks(db, testKeyring, [
        {
          type: "started",
          message: "Started by ada@acme.test.",
          details: {},
          rolloutId,
          organizationId: admin.orgId,
          at: new Date("2025-01-02T03:04:05.000Z"),
        },
        {
          type: "wave_passed",
          message: "Wave 0 passed its gate.",
          details: { wave: 0 },
          rolloutId,
          organizationId: admin.orgId,
          at: new Date("2025-01-02T03:14:05.000Z"),
        },
      ]);
      const requests = await receiver.waitFor(2);
      expect(requests.map((r) => r.headers["x-fleetdeck-event"])).toEqual([
        "rollout.started",
        "rollout.wave_passed",
      ]);
      const ids = requests.map((r) => r.headers["x-fleetdeck-delivery"]);
      expect(new Set(ids).size).toBe(2);
      for (const request of requests) {
        const signature = request.headers["x-fleetdeck-signature"] as string;
        expect(verifyWebhookSignature(secret, request.body, signature)).toBe(true);
      }
      expect(JSON.parse(requests[1]?.body ?? "")).toEqual({
        event: "rollout.wave_passed",
        rolloutId,
        at: "2025-01-02T03:14:05.000Z",
        message: "Wave 0 passed its gate.",
        details: { wave: 0 },
      });
    } finally {
      await receiver.close();
    }
  });

  dbTest("viewers and operators are refused, and see nothing", async ({ db }) => {
    const admin = await memberOf(db, "acme", "admin");
    await (await callerFor(db, admin)).org.setWebhook({ url: "https://hooks.example.com/in" });
    const before = await stored(db, admin.orgId);
    for (const role of ["viewer", "operator"] as const) {
      const caller = await callerFor(db, await memberOf(db, "acme", role));
      for (const call of [
        () => caller.org.webhook(),
        () => caller.org.setWebhook({ url: "https://evil.example.com/" }),
        () => caller.org.rotateWebhookSecret(),
        () => caller.org.removeWebhook(),
        () => caller.org.testWebhook(),
      ]) {
        expect(await failure(call())).toEqual({
          code: "FORBIDDEN",
          message: "This needs the admin role or higher.",
        });
      }
    }
    expect(await stored(db, admin.orgId)).toEqual(before);
  });

  dbTest("another organization's admin cannot read or touch it", async ({ db }) => {
    const admin = await memberOf(db, "acme", "admin");
    await (await callerFor(db, admin)).org.setWebhook({ url: "https://hooks.acme.test/in" });
    const before = await stored(db, admin.orgId);
    const stranger = await memberOf(db, "globex", "owner");

    // Naming acme from a globex session is refused outright.
    const intruder = await callerFor(db, { token: stranger.token, slug: "acme" });
    for (const call of [
      () => intruder.org.webhook(),
      () => intruder.org.setWebhook({ url: "https://evil.example.com/" }),
      () => intruder.org.rotateWebhookSecret(),
      () => intruder.org.removeWebhook(),
      () => intruder.org.testWebhook(),
    ]) {
      expect((await failure(call())).code).toBe("FORBIDDEN");
    }

    // Their own organization's webhook is theirs alone.
    const own = await callerFor(db, stranger);
    expect(await own.org.webhook()).toEqual({ url: null, configured: false });
    await own.org.setWebhook({ url: "https://hooks.globex.test/in" });
    await own.org.rotateWebhookSecret();
    await own.org.removeWebhook();
    expect(await stored(db, admin.orgId)).toEqual(before);
  });
});
