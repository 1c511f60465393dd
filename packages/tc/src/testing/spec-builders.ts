/* Small builders for specs in table tests; every helper returns plain JSON input. */
export type Json = Record<string, unknown>;
export const spec = (...rules: Json[]) => ({ version: 1, rules });
export const egress = (e: Json, interfaces = ["eth0"]) => spec({ interfaces, egress: e });
export const ingress = (i: Json) => spec({ interfaces: ["eth0"], ingress: i });
export const cls = (id: string, rate: string, more: Json = {}) => ({ id, rate, ...more });
export const htb = (classes: Json[], more: Json = {}) =>
  egress({ kind: "htb", defaultClass: "1:10", classes, ...more });
export const oneLeaf = (leaf: Json) => htb([cls("1:10", "10mbit", { qdisc: leaf })]);
export const u32 = (match: Json, more: Json = {}) =>
  htb([cls("1:10", "10mbit")], { filters: [{ kind: "u32", match, target: "1:10", ...more }] });
export const flower = (match: Json, more: Json = {}) =>
  htb([cls("1:10", "10mbit")], { filters: [{ kind: "flower", match, target: "1:10", ...more }] });
export const police = { kind: "police", rate: "10mbit", burst: "64kb" };
