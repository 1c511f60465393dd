import { dbTest } from "@fleetdeck/db/testing";
import { TRPCError } from "@trpc/server";
import { describe, expect } from "vitest";
import { appRouter, createCaller } from "./root";
import { contextFor } from "./testing/context";
import { memberOf } from "./testing/people";

/** Callable without a session. Adding to this list needs a reason. */
const PUBLIC = new Set(["system.info"]);

/**
 * Signed-in, but about the caller alone (their own sessions, a new organization of their
 * own): these answer any signed-in person, and touch nobody else's data.
 */
const SELF_SCOPED = new Set([
  "viewer.me",
  "account.sessions",
  "account.revokeSession",
  "org.create",
]);

const procedures = Object.keys(appRouter._def.procedures).sort();

function call(caller: ReturnType<typeof createCaller>, path: string) {
  let target: unknown = caller;
  for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
  return (target as (input: unknown) => Promise<unknown>)({});
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : `not a TRPCError: ${String(error)}`;
  }
}

describe("every procedure checks who is calling", () => {
  dbTest("the router has procedures to walk, and the public ones are only those listed", () => {
    expect(procedures.length).toBeGreaterThan(8);
    for (const path of PUBLIC) expect(procedures).toContain(path);
  });

  dbTest("anonymous callers are refused by every non-public procedure", async ({ db }) => {
    const victim = await memberOf(db, "victim", "owner");
    const caller = createCaller(await contextFor(db, { orgSlug: victim.slug }));
    const results = await Promise.all(
      procedures.filter((p) => !PUBLIC.has(p)).map(async (p) => [p, await codeOf(call(caller, p))]),
    );
    expect(Object.fromEntries(results)).toEqual(
      Object.fromEntries(results.map(([p]) => [p, "UNAUTHORIZED"])),
    );
  });

  dbTest(
    "a member of another organization is refused by every organization procedure",
    async ({ db }) => {
      const victim = await memberOf(db, "victim", "owner");
      const outsider = await memberOf(db, "outsider", "owner");
      const caller = createCaller(
        await contextFor(db, { sessionToken: outsider.token, orgSlug: victim.slug }),
      );
      const scoped = procedures.filter((p) => !PUBLIC.has(p) && !SELF_SCOPED.has(p));
      const results = await Promise.all(
        scoped.map(async (p) => [p, await codeOf(call(caller, p))]),
      );
      expect(Object.fromEntries(results)).toEqual(
        Object.fromEntries(results.map(([p]) => [p, "FORBIDDEN"])),
      );
    },
  );

  dbTest("a viewer is refused the admin procedures of their own organization", async ({ db }) => {
    const viewer = await memberOf(db, "acme", "viewer");
    const caller = createCaller(
      await contextFor(db, { sessionToken: viewer.token, orgSlug: "acme" }),
    );
    for (const path of [
      "org.changeRole",
      "org.removeMember",
      "org.createInvite",
      "org.revokeInvite",
      "org.resetTotp",
      "org.invites",
      "org.webhook",
      "org.setWebhook",
      "org.rotateWebhookSecret",
      "org.removeWebhook",
      "org.testWebhook",
      "audit.list",
    ]) {
      expect(await codeOf(call(caller, path)), path).toBe("FORBIDDEN");
    }
  });
});
