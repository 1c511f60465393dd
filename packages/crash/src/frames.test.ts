import { describe, expect, it } from "vitest";
import { parseFrameLine } from "./frames";
import { parseIpLine } from "./ip";
import { normalizeFunction } from "./symbol";

describe("parseFrameLine", () => {
  it.each([
    [" direct_entry.cold+0x18/0x24 [lkdtm]", "direct_entry", "lkdtm", true],
    ["  ? _printk+0x68/0x83", "_printk", null, false],
    [
      " rtl_loop_wait+0x6b/0xd0 [r8169 d8e1c3b2a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2]",
      "rtl_loop_wait",
      "r8169",
      true,
    ],
    [
      "[<ffffffffc08372ce>] ipv4_confirm+0x4e/0x100 [nf_conntrack_ipv4]",
      "ipv4_confirm",
      "nf_conntrack_ipv4",
      true,
    ],
    ["[<ffffffff9f9b4716>] ? nla_parse+0xb6/0x120", "nla_parse", null, false],
    [" <IRQ>  [<ffffffff9a761e41>] dump_stack+0x19/0x1b", "dump_stack", null, true],
    [
      "[c00000000ff2bb50] [c0080000035b1cf8] __ibmvnic_reset+0x298/0x5f0 [ibmvnic] (unreliable)",
      "__ibmvnic_reset",
      "ibmvnic",
      false,
    ],
    [
      "[c00000000ff2bc10] [c000000000190f54] process_one_work+0x2a4/0x5b0",
      "process_one_work",
      null,
      true,
    ],
    [
      "--- interrupt: 300 at lkdtm_ACCESS_NULL+0x20/0x40 [lkdtm]",
      "lkdtm_ACCESS_NULL",
      "lkdtm",
      true,
    ],
    [" el0_svc_common.constprop.0+0x78/0x1c4", "el0_svc_common", null, true],
  ])("%j", (line, fn, module, reliable) => {
    const frame = parseFrameLine(line);
    expect(frame).toMatchObject({ function: fn, module, reliable });
  });

  it("reads address-only frames as raw", () => {
    expect(parseFrameLine(" 0xffffffffc0123456")).toMatchObject({
      function: null,
      address: "0xffffffffc0123456",
    });
    expect(parseFrameLine("[<ffffffffa0123456>] ? 0xffffffffa0123455")).toMatchObject({
      function: null,
      reliable: false,
    });
  });

  it.each([
    " <TASK>",
    "Modules linked in: lkdtm(OE)",
    "RIP: 0033:0x47b7a0",
    " ffff88007b2f0840 ffff88007a6a8000",
    "",
  ])("is not a frame: %j", (line) => {
    expect(parseFrameLine(line)).toBeNull();
  });
});

describe("normalizeFunction", () => {
  it.each([
    ["direct_entry.cold", "direct_entry"],
    ["__alloc_pages_slowpath.constprop.0", "__alloc_pages_slowpath"],
    ["tcp_ack.isra.12.part.3", "tcp_ack"],
    ["foo.llvm.1234567890", "foo"],
    ["ipv4_confirm", "ipv4_confirm"],
  ])("%s -> %s", (symbol, fn) => {
    expect(normalizeFunction(symbol)).toBe(fn);
  });
});

describe("parseIpLine", () => {
  it("reads the current x86 form", () => {
    const ip = parseIpLine("RIP: 0010:lkdtm_ACCESS_NULL+0x14/0x53 [lkdtm]");
    expect(ip).toMatchObject({
      role: "ip",
      user: false,
      frame: { function: "lkdtm_ACCESS_NULL", offset: "0x14", size: "0x53" },
    });
  });

  it("reads 3.x forms with bracketed addresses", () => {
    const rip = parseIpLine(
      "RIP: 0010:[<ffffffffc086077d>]  [<ffffffffc086077d>] nf_ct_deliver_cached_events+0x2d/0x110 [nf_conntrack]",
    );
    expect(rip?.frame?.module).toBe("nf_conntrack");
    expect(
      parseIpLine("IP: [<ffffffffc086077d>] nf_ct_deliver_cached_events+0x2d/0x110 [nf_conntrack]")
        ?.frame?.function,
    ).toBe("nf_ct_deliver_cached_events");
  });

  it("marks user mode and raw addresses", () => {
    expect(parseIpLine("RIP: 0033:0x47b7a0")).toMatchObject({ user: true, frame: null });
    expect(parseIpLine("RIP: 0010:0x0")).toMatchObject({ user: false, frame: null, address: "0" });
    expect(parseIpLine("IP: [<          (null)>]           (null)")).toMatchObject({ frame: null });
  });

  it("reads arm64 and ppc64 forms", () => {
    expect(parseIpLine("pc : lkdtm_BUG+0x8/0x10 [lkdtm]")?.frame?.function).toBe("lkdtm_BUG");
    expect(parseIpLine("lr : lkdtm_do_action+0x24/0x40 [lkdtm]")?.role).toBe("lr");
    expect(parseIpLine("PC is at lkdtm_BUG+0x8/0x10")?.frame?.function).toBe("lkdtm_BUG");
    expect(
      parseIpLine("NIP [c0080000035b1d24] __ibmvnic_reset+0x2c4/0x5f0 [ibmvnic]")?.frame?.module,
    ).toBe("ibmvnic");
    expect(
      parseIpLine("NIP:  c0080000035b1d24 LR: c0080000035b1cf8 CTR: c000000000a8f6d0"),
    ).toBeNull();
  });

  it("ignores words that only look like an IP line", () => {
    expect(parseIpLine("IP: routing cache hash table of 512 buckets")).toBeNull();
  });
});
