import type { JsonObject } from "./json";

/** Live tc state of one device, normalised from `tc -j -s ... show` output. */
export interface QdiscState {
  kind: string;
  handle: string;
  /** "root", "ffff:fff1" for ingress/clsact, or the class id it hangs under. */
  parent: string;
  options: JsonObject;
  stats?: QueueStats;
}

export interface QueueStats {
  bytes: number;
  packets: number;
  drops: number;
  overlimits: number;
  requeues: number;
  backlog: number;
  qlen: number;
}

export interface ClassState {
  kind: string;
  classid: string;
  /** The parent class id, or the qdisc handle ("1:") for a top-level class. */
  parent: string;
  leaf?: string;
  /** bits per second */
  rate?: number;
  ceil?: number;
  /** bytes */
  burst?: number;
  cburst?: number;
  prio?: number;
  quantum?: number;
}

export interface U32Key {
  off: number;
  value: number;
  mask: number;
}

export type ActionState =
  | { kind: "mirred"; mode: string; direction: string; device: string }
  | { kind: "police"; rate?: number; burst?: number; exceed?: string; conform?: string }
  | { kind: "other"; name: string };

export interface FilterState {
  parent: string;
  protocol: string;
  prio: number;
  kind: string;
  chain: number;
  classid?: string;
  /** u32 only: the selector keys after tc merged keys at the same offset. */
  u32Keys?: U32Key[];
  /** flower only: the "keys" object as tc printed it. */
  flowerKeys?: JsonObject;
  /** fw only: "0x6" or "0x100/0xff00". */
  fwHandle?: string;
  actions: ActionState[];
}

export interface DeviceState {
  dev: string;
  qdiscs: QdiscState[];
  classes: ClassState[];
  filters: FilterState[];
}
