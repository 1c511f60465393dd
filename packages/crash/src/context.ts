import { isTraceMarker, parseFrameLine } from "./frames";
import { parseIpLine } from "./ip";
import { isRegisterLine } from "./registers";

// Lines that belong to a crash report without being triggers: banners, task and hardware
// lines, sanitizer sections, OOM and stall details. Indented lines are continuations.
const CONTEXT =
  /^(?:\s|CPU: |Hardware name|Modules linked in|Kernel Offset|#PF|PGD |Oops|Code: |Mem abort|Data abort|Internal error|Workqueue|task:|irq event stamp|hardirqs |softirqs |note: |NMI backtrace|Sending NMI|Faulting instruction|[LB]E PAGE_SIZE|Instruction dump|(?:Read|Write) of size|Allocated by|Freed by|Last potentially|The buggy address|Memory state|page:|flags:|raw:|page dumped|INFO: |Object |Redzone |Padding |Slab |in_atomic|preempt_count|RCU nest|Preemption disabled|"echo 0|rcu: |\(detected by|\(t=|-{5}|Mem-Info|Call [Tt]race|Backtrace|Tainted|Not tainted|pstate|ESR|EC =|FSC|[A-Z][A-Z0-9]{1,6}: [0-9a-f]{4})/;

export function isContextLine(t: string): boolean {
  if (CONTEXT.test(t)) return true;
  return (
    isRegisterLine(t) || isTraceMarker(t) || parseIpLine(t) !== null || parseFrameLine(t) !== null
  );
}
