import { cleanHeadline } from "./headline";
import { cleaned, fixed } from "./rules-shared";
import type { Trigger } from "./trigger";

const HARD_LOCKUP = "watchdog: Watchdog detected hard LOCKUP";
const PANIC = "Kernel panic - not syncing: ";

/** Lockups, stalls, hung tasks, panics, the OOM killer and machine checks. */
export const PANIC_TRIGGERS: readonly Trigger[] = [
  // lockups and stalls
  {
    kind: "soft-lockup",
    prefixes: ["BUG: soft lockup", "watchdog: BUG: soft", "NMI watchdog: BUG: soft"],
    re: /^((?:NMI )?(?:watchdog: )?)BUG: soft lockup(?: - CPU#\d{1,5} stuck for \d{1,10}s! \[(.{1,64}):(\d{1,10})\])?/,
    headline: (m) => `${m[1] ?? ""}BUG: soft lockup`,
    canonical: "BUG: soft lockup",
    task: (m) => ({ comm: m[2] ?? "", pid: m[3] ? Number(m[3]) : null }),
  },
  {
    kind: "hard-lockup",
    prefixes: ["NMI watchdog: ", "watchdog: ", "Watchdog detected hard"],
    re: /^((?:NMI )?watchdog: )?(?:CPU\d{1,5}: )?(?:Watchdog detected hard LOCKUP|BUG: hard lockup) on cpu \d{1,5}/,
    headline: (m) => `${m[1] ?? ""}Watchdog detected hard LOCKUP`,
    canonical: HARD_LOCKUP,
  },
  {
    kind: "rcu-stall",
    prefixes: ["rcu: INFO: ", "INFO: rcu"],
    re: /^(?:rcu: )?INFO: rcu_?\w{0,20} (?:self-)?detected (?:expedited )?stalls?/,
    headline: fixed("INFO: rcu detected stall"),
    canonical: "INFO: rcu detected stall",
  },
  {
    kind: "hung-task",
    prefixes: ["INFO: task "],
    re: /^INFO: task (.{1,64}?):(\d{1,10}) blocked for more than (\d{1,10}) seconds/,
    headline: (m) => `INFO: task blocked for more than ${m[3]} seconds`,
    canonical: "INFO: task hung",
    task: (m) => ({ comm: m[1] ?? "", pid: Number(m[2]) }),
  },
  // panics: what a panic follows from first, then the panic as a report of its own
  {
    kind: "stack-protector",
    prefixes: [`${PANIC}stack-protector:`],
    re: /^Kernel panic - not syncing: stack-protector: Kernel stack is corrupted/,
    headline: fixed(`${PANIC}stack-protector: Kernel stack is corrupted`),
    canonical: "stack-protector: Kernel stack is corrupted",
    symbolInLine: true,
  },
  {
    kind: "hard-lockup",
    prefixes: [PANIC],
    re: /^Kernel panic - not syncing: (?:Watchdog detected )?[Hh]ard LOCKUP/,
    headline: fixed(`${PANIC}Hard LOCKUP`),
    canonical: HARD_LOCKUP,
    role: "consequence",
  },
  {
    kind: "soft-lockup",
    prefixes: [PANIC],
    re: /^Kernel panic - not syncing: softlockup: hung tasks/,
    headline: fixed(`${PANIC}softlockup: hung tasks`),
    canonical: "BUG: soft lockup",
    role: "consequence",
  },
  {
    kind: "hung-task",
    prefixes: [PANIC],
    re: /^Kernel panic - not syncing: hung_task: blocked tasks/,
    headline: fixed(`${PANIC}hung_task: blocked tasks`),
    canonical: "INFO: task hung",
    role: "consequence",
  },
  {
    kind: "rcu-stall",
    prefixes: [PANIC],
    re: /^Kernel panic - not syncing: RCU Stall/,
    headline: fixed(`${PANIC}RCU Stall`),
    canonical: "INFO: rcu detected stall",
    role: "consequence",
  },
  {
    kind: "machine-check",
    prefixes: [PANIC],
    re: /^Kernel panic - not syncing: (?:Fatal [Mm]achine check|Machine check|Timeout: Not all CPUs entered)/,
    headline: fixed("Machine Check Exception"),
    canonical: "Machine Check Exception",
    role: "consequence",
  },
  {
    kind: "oom-kill",
    prefixes: [PANIC],
    re: /^Kernel panic - not syncing: (?:Out of memory|System is deadlocked on memory)/,
    headline: cleaned,
    role: "consequence",
  },
  {
    kind: "panic",
    prefixes: [PANIC],
    re: /^Kernel panic - not syncing: (?:Fatal exception|Fatal hardware error|Attempted to kill (?:init|the idle task)|Aiee, killing interrupt handler|(?:\w{1,16}: )?panic_on_warn set)/,
    headline: cleaned,
    role: "consequence",
  },
  {
    kind: "panic",
    prefixes: ["Kernel panic - not syncing"],
    re: /^Kernel panic - not syncing:? ?(.{0,300})/,
    headline: (m) => `${PANIC}${cleanHeadline(m[1] ?? "")}`.trim(),
  },
  // the OOM killer: the report opens with the invoking task and closes with the kill
  {
    kind: "oom-kill",
    contains: " invoked oom-killer: ",
    re: /^(.{1,64}?) invoked oom-killer: /,
    headline: (m) => `Out of memory: ${m[1]} invoked oom-killer`,
    task: (m) => ({ comm: m[1] ?? "", pid: null }),
  },
  {
    kind: "oom-kill",
    prefixes: ["Out of memory", "Memory cgroup out of memory"],
    re: /^(?:Memory cgroup out of memory|Out of memory(?: \(oom_kill_allocating_task\))?): Killed process \d{1,10} \((.{1,64}?)\)/,
    headline: (m) => `Out of memory: Killed process ${m[1]}`,
    role: "closer",
  },
  {
    kind: "machine-check",
    prefixes: ["mce: [Hardware Error]: ", "[Hardware Error]: "],
    re: /^(?:mce: )?\[Hardware Error\]: CPU \d{1,5}: Machine Check Exception/,
    headline: fixed("Machine Check Exception"),
    canonical: "Machine Check Exception",
  },
];

/** Catch-alls, after every specific rule. */
export const FALLBACK_TRIGGERS: readonly Trigger[] = [
  { kind: "bug", prefixes: ["BUG: "], re: /^BUG: \S/, headline: cleaned, role: "weak" },
  { kind: "warning", prefixes: ["WARNING: "], re: /^WARNING: \S/, headline: cleaned, role: "weak" },
];
