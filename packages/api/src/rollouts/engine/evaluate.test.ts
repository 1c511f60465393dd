import { describe, expect, test } from "vitest";
import { evaluateHost, type Observed } from "./evaluate";

const now = new Date("2026-11-27T12:00:00Z");
const before = new Date("2026-11-27T11:59:00Z");
const base: Observed = {
  command: null,
  host: {
    online: true,
    lastSeenAt: now,
    lastBootId: "boot-1",
    driftDetectedAt: null,
    appliedHash: "h1",
  },
  crash: null,
};
const applying = {
  state: "applying" as const,
  dispatchedAt: before,
  verifiedAt: null,
  bootIdAtApply: "boot-1",
};
const verified = { ...applying, state: "verified" as const, verifiedAt: before };
const ctx = {
  now,
  deadlineAt: new Date("2026-11-27T12:05:00Z"),
  revisionHash: "h1",
  silenceSeconds: 30,
};
const succeeded = (output: unknown) => ({
  state: "succeeded",
  output,
  error: null,
  rejection: null,
  dryRun: false,
});

describe("judging one host of a wave", () => {
  test("an apply that read back equal verifies", () => {
    expect(evaluateHost(applying, { ...base, command: succeeded({ applied: true }) }, ctx)).toEqual(
      { state: "verified", reason: null },
    );
  });

  test("a refused batch fails, naming the line, and says the host restored itself", () => {
    const outcome = evaluateHost(
      applying,
      {
        ...base,
        command: succeeded({
          applied: false,
          restored: true,
          failingLine: "qdisc replace dev eth9 root handle 1: htb",
        }),
      },
      ctx,
    );
    expect(outcome).toEqual({
      state: "failed",
      reason:
        "the kernel refused: qdisc replace dev eth9 root handle 1: htb (the host restored its previous tree)",
    });
  });

  test("a failed apply that still reports its output names the refused line", () => {
    const outcome = evaluateHost(
      applying,
      {
        ...base,
        command: {
          ...succeeded({
            applied: false,
            restored: true,
            failingLine: "qdisc replace dev eth9 root handle 1: htb",
          }),
          state: "failed",
          error: "tc.apply failed",
        },
      },
      ctx,
    );
    expect(outcome).toEqual({
      state: "failed",
      reason:
        "the kernel refused: qdisc replace dev eth9 root handle 1: htb (the host restored its previous tree)",
    });
  });

  test("silence past the deadline is a failure, never a success", () => {
    expect(evaluateHost(applying, base, { ...ctx, deadlineAt: before })).toMatchObject({
      state: "offline",
    });
    expect(evaluateHost(applying, base, ctx)).toBeNull();
  });

  test("an expired or refused command fails the host", () => {
    expect(
      evaluateHost(
        applying,
        {
          ...base,
          command: { state: "expired", output: null, error: null, rejection: null, dryRun: false },
        },
        ctx,
      ),
    ).toMatchObject({ state: "failed" });
    expect(
      evaluateHost(
        applying,
        {
          ...base,
          command: {
            state: "failed",
            output: null,
            error: null,
            rejection: "bad_signature",
            dryRun: false,
          },
        },
        ctx,
      )?.reason,
    ).toMatch(/bad_signature/);
  });

  test.each([
    [
      "a crash",
      { ...base, crash: { groupId: "g", title: "BUG: kernel NULL pointer dereference in f" } },
      "crashed",
    ],
    ["a reboot", { ...base, host: { ...base.host, lastBootId: "boot-2" } }, "failed"],
    ["drift", { ...base, host: { ...base.host, driftDetectedAt: now } }, "failed"],
    [
      "going offline for longer than the report deadline",
      { ...base, host: { ...base.host, online: false, lastSeenAt: before } },
      "offline",
    ],
    [
      "another revision put in place after the apply",
      {
        ...base,
        command: { ...succeeded({ applied: true }), finishedAt: before },
        host: { ...base.host, appliedHash: "h0", appliedAt: now },
      },
      "failed",
    ],
    [
      "a restore after the apply (nothing applied any more)",
      {
        ...base,
        command: { ...succeeded({ applied: true }), finishedAt: before },
        host: { ...base.host, appliedHash: null, appliedAt: now },
      },
      "failed",
    ],
  ])("%s during bake fails a verified host", (_name, observed, state) => {
    expect(evaluateHost(verified, observed as Observed, ctx)?.state).toBe(state);
  });

  test("a host silent for less than the report deadline holds, neither failed nor passed", () => {
    const blip = {
      ...base,
      host: { ...base.host, online: false, lastSeenAt: new Date(now.getTime() - 10_000) },
    };
    expect(evaluateHost(verified, blip, ctx)).toBeNull();
  });

  test("a heartbeat older than the apply (still the previous tree) is not a failure", () => {
    const stale = {
      ...base,
      command: { ...succeeded({ applied: true }), finishedAt: now },
      host: { ...base.host, appliedHash: "h0", appliedAt: before },
    };
    expect(evaluateHost(verified, stale, ctx)).toBeNull();
  });

  test("a quiet verified host stays verified", () => {
    expect(evaluateHost(verified, base, ctx)).toBeNull();
  });
});
