import { formatHandle, hex, minorOf } from "../handles";
import type { HtbClass } from "./classful";
import type { Filter } from "./filter";
import type { LeafQdisc } from "./leaf";
import type { Egress } from "./policy";

/**
 * Defaults the compiler fills in, kept in one place so validation checks exactly
 * the handles and priorities the compiler will emit.
 */
export const DEFAULT_ROOT_HANDLE = "1:";

export function rootHandleOf(egress: Egress): string {
  return egress.handle ?? DEFAULT_ROOT_HANDLE;
}

/** The common convention: class 1:20 gets leaf qdisc 20:. */
export function htbLeafHandle(classId: string, qdisc: LeafQdisc): string {
  return qdisc.handle ?? formatHandle(minorOf(classId) ?? 0);
}

/** mq queue / prio band N gets N0: (queue 1 -> 10:), clear of the usual root 1:. */
export function indexedChildHandle(index: number, qdisc: LeafQdisc): string {
  return qdisc.handle ?? `${hex(index)}0:`;
}

/** Filters without a prio are numbered by position, 1-based. */
export function filterPrio(filter: Filter, index: number): number {
  return filter.prio ?? index + 1;
}

export interface FlatClass {
  cls: HtbClass;
  /** undefined for a top-level class (parent is the qdisc). */
  parent: HtbClass | undefined;
}

/** Depth-first, parents before children, in spec order. */
export function flattenClasses(classes: readonly HtbClass[], parent?: HtbClass): FlatClass[] {
  return classes.flatMap((cls) => [{ cls, parent }, ...flattenClasses(cls.children ?? [], cls)]);
}

export function isLeafClass(cls: HtbClass): boolean {
  return (cls.children ?? []).length === 0;
}
