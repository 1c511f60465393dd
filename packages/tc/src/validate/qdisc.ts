import type { LeafQdisc, Netem, Tbf } from "../model/leaf";
import { formatRate, formatTime } from "../units";
import { burstProblem } from "./burst";
import type { Reporter } from "./issue";

function checkTbf(q: Tbf, path: string, r: Reporter): void {
  if (q.latency === undefined && q.limit === undefined) r.error(path, "set latency or limit");
  if (q.latency !== undefined && q.limit !== undefined) {
    r.error(path, "set latency or limit, not both");
  }
  const small = burstProblem("burst", q.burst, q.rate);
  if (small) r.warn(path, small);
  if (q.peakrate === undefined) {
    if (q.mtu !== undefined) r.error(path, "mtu only applies with a peakrate");
    return;
  }
  if (q.mtu === undefined) r.error(path, "peakrate needs an mtu");
  if (q.peakrate <= q.rate) {
    r.error(
      path,
      `peakrate ${formatRate(q.peakrate)} must be above the rate ${formatRate(q.rate)}`,
    );
  }
}

/** The combinations tc's netem parser refuses, caught before any host sees them. */
function checkNetem(q: Netem, path: string, r: Reporter): void {
  const delay = q.delay ?? 0;
  if (q.jitter !== undefined && q.jitter > 0 && delay === 0) r.error(path, "jitter needs a delay");
  if (q.distribution !== undefined && !(q.jitter !== undefined && q.jitter > 0)) {
    r.error(path, "distribution needs a jitter");
  }
  if (q.reorder !== undefined && q.reorder > 0 && delay === 0) {
    r.error(path, "reorder needs a delay (reordered packets skip it)");
  }
  if (q.jitter !== undefined && q.jitter > delay && delay > 0) {
    r.warn(
      path,
      `jitter ${formatTime(q.jitter)} is above the delay ${formatTime(delay)}; negative delays are clipped to zero`,
    );
  }
  if (q.loss === 100) r.warn(path, "loss 100% drops all traffic");
  const impairments = [q.delay, q.loss, q.duplicate, q.reorder, q.corrupt, q.rate];
  if (impairments.every((v) => v === undefined || v === 0)) {
    r.warn(path, "netem without delay, loss, duplicate, reorder, corrupt or rate changes nothing");
  }
}

export function checkLeafQdisc(q: LeafQdisc, path: string, r: Reporter): void {
  switch (q.kind) {
    case "tbf":
      checkTbf(q, path, r);
      return;
    case "netem":
      checkNetem(q, path, r);
      return;
    case "fq_codel":
      if (q.target !== undefined && q.interval !== undefined && q.target >= q.interval) {
        r.warn(
          path,
          `target ${formatTime(q.target)} should be well below interval ${formatTime(q.interval)}`,
        );
      }
      return;
    case "sfq":
      if (q.perturb !== undefined && q.perturb % 1_000_000 !== 0) {
        r.error(path, `perturb ${formatTime(q.perturb)} must be a whole number of seconds`);
      }
      return;
    case "cake":
    case "fq":
    case "pfifo":
    case "bfifo":
      return;
    default:
      q satisfies never;
  }
}
