import type { HtbClass } from "../model/classful";
import type { Filter } from "../model/filter";
import type { LeafQdisc } from "../model/leaf";
import type { Egress } from "../model/policy";

/**
 * The spec lowered to what the kernel will hold on one device: every handle,
 * parent and priority decided. Both the argv emitter and the state comparison read
 * this, so what is applied and what is checked cannot disagree.
 */
export interface QdiscNode {
  /** "root" or the class id the qdisc hangs under. */
  parent: string;
  handle: string;
  qdisc: Egress | LeafQdisc;
  /** "root", "class 1:20", "band 2" or "queue 1": what the qdisc belongs to. */
  owner: string;
}

export interface ClassNode {
  classid: string;
  /** The qdisc handle ("1:") for top-level classes, else the parent class id. */
  parent: string;
  cls: HtbClass;
  /** ceil with tc's default (= rate) applied. */
  ceil: number;
}

/** Where ingress filters of a clsact qdisc attach; tc spells it "ingress". */
export const CLSACT_INGRESS = "ffff:fff2";
export const INGRESS_PARENT = "ffff:";

export interface FilterNode {
  parent: string;
  prio: number;
  filter: Filter;
  label: string;
}

export interface EgressTree {
  qdiscs: QdiscNode[];
  classes: ClassNode[];
  filters: FilterNode[];
}

export interface IngressTree {
  kind: "ingress" | "clsact";
  filters: FilterNode[];
}

export interface DeviceTree {
  dev: string;
  /** Set on an IFB device: the interface whose ingress it shapes. */
  ifbFor?: string;
  egress?: EgressTree;
  ingress?: IngressTree;
}
