import { formatClassId, majorOf } from "../handles";
import {
  filterPrio,
  flattenClasses,
  htbLeafHandle,
  indexedChildHandle,
  rootHandleOf,
} from "../model/defaults";
import type { Filter } from "../model/filter";
import type { Egress, Ingress } from "../model/policy";
import {
  CLSACT_INGRESS,
  type ClassNode,
  type EgressTree,
  type FilterNode,
  INGRESS_PARENT,
  type IngressTree,
  type QdiscNode,
} from "./tree";

function lowerFilters(filters: readonly Filter[], parent: string): FilterNode[] {
  return filters.map((filter, index) => ({
    parent,
    prio: filterPrio(filter, index),
    filter,
    label: `filter ${index + 1}`,
  }));
}

export function lowerEgress(egress: Egress): EgressTree {
  const root = rootHandleOf(egress);
  const major = majorOf(root) ?? 1;
  const qdiscs: QdiscNode[] = [{ parent: "root", handle: root, qdisc: egress, owner: "root" }];
  const classes: ClassNode[] = [];
  let filters: FilterNode[] = [];
  switch (egress.kind) {
    case "htb":
      for (const { cls, parent } of flattenClasses(egress.classes)) {
        classes.push({
          classid: cls.id,
          parent: parent?.id ?? root,
          cls,
          ceil: cls.ceil ?? cls.rate,
        });
        if (cls.qdisc) {
          const handle = htbLeafHandle(cls.id, cls.qdisc);
          qdiscs.push({ parent: cls.id, handle, qdisc: cls.qdisc, owner: `class ${cls.id}` });
        }
      }
      filters = lowerFilters(egress.filters, root);
      break;
    case "prio":
      for (const { band, qdisc } of egress.children) {
        const handle = indexedChildHandle(band, qdisc);
        qdiscs.push({ parent: formatClassId(major, band), handle, qdisc, owner: `band ${band}` });
      }
      filters = lowerFilters(egress.filters, root);
      break;
    case "mq":
      for (const { queue, qdisc } of egress.queues) {
        const handle = indexedChildHandle(queue, qdisc);
        qdiscs.push({
          parent: formatClassId(major, queue),
          handle,
          qdisc,
          owner: `queue ${queue}`,
        });
      }
      break;
    case "tbf":
    case "netem":
    case "fq_codel":
    case "cake":
    case "sfq":
    case "fq":
    case "pfifo":
    case "bfifo":
      break;
    default:
      return egress satisfies never;
  }
  return { qdiscs, classes, filters };
}

/** The classic IFB recipe: send every ingress packet to the IFB's egress. */
export function redirectAllFilter(device: string): Filter {
  return {
    kind: "u32",
    protocol: "all",
    match: {},
    actions: [{ kind: "mirred", mode: "redirect", direction: "egress", device }],
  };
}

export function lowerIngress(ingress: Ingress): IngressTree {
  const parent = ingress.qdisc === "clsact" ? CLSACT_INGRESS : INGRESS_PARENT;
  const filters =
    ingress.ifb && ingress.filters.length === 0
      ? [redirectAllFilter(ingress.ifb.device)]
      : ingress.filters;
  return { kind: ingress.qdisc, filters: lowerFilters(filters, parent) };
}
