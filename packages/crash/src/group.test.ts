import { describe, expect, it } from "vitest";
import { groupCrashes, parseKernelLog, SIGNATURE_VERSION } from "./index";
import { loadOwnFixtures, loadSharedCorpus } from "./testing/fixtures";

const reports = [...loadSharedCorpus(), ...loadOwnFixtures()].flatMap((x) => parseKernelLog(x.log));

describe("groupCrashes", () => {
  it("groups on the versioned primary signature and says why", () => {
    const groups = groupCrashes(reports);
    const conntrack = groups.find((g) => g.function === "nf_ct_deliver_cached_events");
    expect(conntrack?.members).toHaveLength(2);
    expect(conntrack?.why).toBe(
      "primary v1: kind=null-deref, function=nf_ct_deliver_cached_events",
    );
    expect(conntrack?.key).toBe(
      `${SIGNATURE_VERSION}:BUG: kernel NULL pointer dereference in nf_ct_deliver_cached_events`,
    );
    expect(groups.reduce((n, g) => n + g.members.length, 0)).toBe(reports.length);
  });

  it("never merges signatures of different versions", () => {
    const [first] = reports;
    if (!first) throw new Error("no reports");
    const older = {
      ...first,
      signature: { ...first.signature, version: "v0" as typeof SIGNATURE_VERSION },
    };
    expect(groupCrashes([first, older])).toHaveLength(2);
  });

  it("keeps extra fields on members", () => {
    const tagged = reports.slice(0, 3).map((r, i) => ({ ...r, file: `f${i}` }));
    expect(groupCrashes(tagged).flatMap((g) => g.members.map((m) => m.file))).toEqual([
      "f0",
      "f1",
      "f2",
    ]);
  });

  it("stores signatures with frames as function@module and a short exact hash", () => {
    const withFrames = reports.find((r) => r.signature.frames.length > 2);
    expect(withFrames?.signature.frames.every((f) => /^[\w.]+@[\w-]+$/.test(f))).toBe(true);
    expect(withFrames?.signature.exact).toMatch(/^[0-9a-f]{16}$/);
  });
});
