import { describe, expect, it } from "vitest";
import { cleanHeadline, normalizeNumbers } from "./headline";

describe("cleanHeadline", () => {
  it.each([
    [
      "BUG: kernel NULL pointer dereference, address: 0000000000000000",
      "BUG: kernel NULL pointer dereference",
    ],
    [
      "BUG: unable to handle kernel paging request at ffffffffc02c4140",
      "BUG: unable to handle kernel paging request",
    ],
    [
      "BUG: unable to handle kernel NULL pointer dereference at           (null)",
      "BUG: unable to handle kernel NULL pointer dereference",
    ],
    [
      "Unable to handle kernel paging request at virtual address dead000000000108",
      "Unable to handle kernel paging request",
    ],
    ["VFS: Unable to mount root fs on unknown-block(0,0)", "VFS: Unable to mount root fs"],
    ["Attempted to kill init! exitcode=0x0000000b", "Attempted to kill init"],
    [
      "usercopy: Kernel memory exposure attempt detected from kernel text (offset 2807152, size 4096)!",
      "usercopy: Kernel memory exposure attempt detected from kernel text",
    ],
    ["refcount_t: decrement hit 0; leaking memory.", "refcount_t: decrement hit 0; leaking memory"],
    [
      "BUG: using smp_processor_id() in preemptible [00000000] code: kworker/0:1/123",
      "BUG: using smp_processor_id() in preemptible code",
    ],
    ["BUG: spinlock bad magic on CPU#0, swapper/0/1", "BUG: spinlock bad magic"],
    ["dumptest", "dumptest"],
  ])("%j -> %j", (text, headline) => {
    expect(cleanHeadline(text)).toBe(headline);
  });
});

describe("normalizeNumbers", () => {
  it("replaces numbers but not digits inside names", () => {
    expect(normalizeNumbers("INFO: task blocked for more than 120 seconds in ipv4_confirm")).toBe(
      "INFO: task blocked for more than N seconds in ipv4_confirm",
    );
  });
});
