import { describe, expect, test } from "vitest";
import { checkSpecText } from "./spec-text";

describe("checking a spec as it is typed", () => {
  test("valid YAML compiles to tc commands", () => {
    const check = checkSpecText(
      "version: 1\nrules:\n  - interfaces: [eth0]\n    egress: { kind: tbf, rate: 10mbit, burst: 32kb, latency: 50ms }\n",
      "yaml",
    );
    expect(check.errors).toEqual([]);
    expect(check.batch).toContain("qdisc replace dev eth0 root handle 1: tbf rate 10mbit");
  });

  test("an error is reported at its path, in plain words", () => {
    const check = checkSpecText(
      JSON.stringify({
        version: 1,
        rules: [
          {
            interfaces: ["eth0"],
            egress: {
              kind: "htb",
              defaultClass: "1:10",
              classes: [{ id: "1:10", rate: "100mbit", ceil: "50mbit" }],
            },
          },
        ],
      }),
      "json",
    );
    expect(check.batch).toBeNull();
    expect(check.errors[0]?.message).toMatch(/ceil 50 Mbit\/s is below its rate 100 Mbit\/s/);
  });

  test("broken syntax says so, with the line", () => {
    expect(checkSpecText("{ not json", "json").syntaxError).toMatch(/JSON|property/i);
    expect(checkSpecText("rules: [\n  - a\n", "yaml").syntaxError).toBeTruthy();
  });
});
