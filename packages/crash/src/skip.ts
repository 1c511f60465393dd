// Functions that report, dump or route a crash rather than cause it. A trailing `*` makes a
// prefix, a leading one a suffix. Lists are data: a new false culprit is one more entry here.

/** Skipped for every kind, for both the raising function and the blamed one. */
export const REPORTING_HELPERS: readonly string[] = words(`
  # dumping and printing
  dump_stack dump_stack_lvl __dump_stack show_stack dump_backtrace show_regs
  printk _printk vprintk vprintk_emit vprintk_default
  # panic, warn and bug machinery
  panic vpanic nmi_panic __warn __warn_printk warn_slowpath_* report_bug
  handle_bug fixup_bug __stack_chk_fail __stack_chk_fail_local
  # x86 exception entry
  asm_exc_* exc_invalid_op exc_general_protection exc_divide_error exc_page_fault
  exc_int3 do_invalid_op invalid_op do_error_trap do_trap do_trap_no_signal
  die __die __die_body die_body oops_end page_fault_oops page_fault
  kernelmode_fixup_or_oops no_context __bad_area_nosemaphore bad_area_nosemaphore
  bad_area do_general_protection general_protection do_divide_error divide_error
  # arm64 exception entry
  el1_* el1h_* do_mem_abort do_translation_fault do_bad_area __do_kernel_fault
  die_kernel_fault arm64_notify_die do_undefinstr bug_handler call_break_hook
  brk_handler do_debug_exception
  # ppc64 exception entry
  _exception _exception_pkey bad_page_fault __bad_page_fault bad_kernel_fault
  ___do_page_fault __do_page_fault do_page_fault handle_page_fault
  program_check_exception *_common_virt interrupt_return* ret_from_except*
  # the scheduler and sleeping
  __schedule schedule schedule_timeout* schedule_preempt_disabled schedule_hrtimeout*
  io_schedule io_schedule_timeout preempt_schedule* __cond_resched _cond_resched
  msleep msleep_interruptible ssleep usleep_range usleep_range_state
`);

/** Sleeping primitives: the waiter, not the lock, is what a hung task report is about. */
export const WAIT_HELPERS: readonly string[] = words(`
  mutex_lock* __mutex_lock* mutex_lock_nested rwsem_down_* down_read*
  down_write* __down* down down_interruptible down_killable down_timeout
  wait_for_completion* __wait_for_common wait_for_common* do_wait_for_common
  __flush_work flush_work synchronize_rcu* __synchronize_srcu synchronize_srcu
  bit_wait* out_of_line_wait_on_bit* __wait_on_bit* folio_wait_* __folio_lock*
  wait_on_page_bit* __lock_page* rt_mutex_* __rt_mutex_* wait_woken
  percpu_rwsem_wait __percpu_down_read
`);

/** Allocator entry points: a debug check inside one is about its caller. */
export const ALLOC_HELPERS: readonly string[] = words(`
  kmalloc* __kmalloc* kmem_cache_alloc* __kmem_cache_alloc* kzalloc* kvmalloc* __kvmalloc*
  kmem_cache_free __kmem_cache_free kfree kvfree kfree_sensitive slab_pre_alloc_hook*
  might_alloc slab_alloc* __slab_alloc* ___slab_alloc
`);

/** Interrupt and NMI plumbing between a watchdog and the code it caught. */
export const IRQ_HELPERS: readonly string[] = words(`
  __hrtimer_run_queues hrtimer_interrupt __sysvec_apic_timer_interrupt
  sysvec_apic_timer_interrupt smp_apic_timer_interrupt apic_timer_interrupt
  local_apic_timer_interrupt update_process_times tick_sched_handle tick_sched_timer
  tick_nohz_handler tick_handle_periodic irq_exit_rcu __irq_exit_rcu irq_exit
  __do_softirq handle_softirqs do_softirq* nmi_cpu_backtrace*
  nmi_trigger_cpumask_backtrace arch_trigger_cpumask_backtrace
  trigger_single_cpu_backtrace nmi_handle default_do_nmi do_nmi exc_nmi
  end_repeat_nmi repeat_nmi first_nmi nmi watchdog_timer_fn dump_cpu_task
  sched_show_task rcu_dump_cpu_stacks print_cpu_stall print_other_cpu_stall
  check_cpu_stall rcu_pending rcu_sched_clock_irq rcu_check_callbacks
  watchdog_overflow_callback watchdog_hardlockup_check watchdog_buddy_check_hardlockup
  __perf_event_overflow perf_event_overflow handle_pmi_common *_pmu_handle_irq
  perf_event_nmi_handler gic_handle_irq handle_domain_irq generic_handle_domain_irq
  __handle_domain_irq ipi_handler do_handle_IPI arch_timer_handler_*
  handle_percpu_devid_irq call_on_irq_stack do_interrupt_handler el1_interrupt
  timer_interrupt __do_irq do_IRQ irq_enter_rcu __irq_enter_raw
`);

/** Memory, string and lock helpers: a crash inside one is blamed on its caller (title only). */
export const GENERIC_HELPERS: readonly string[] = words(`
  memcpy* __memcpy* memmove* __memmove* memset* __memset* memcmp bcmp
  strlen strnlen strcpy strncpy strscpy* strlcpy strcat strncat strcmp
  strncmp strchr strrchr strstr kmemdup* kstrdup* copy_user_* rep_movs_*
  rep_stos_* clear_user* __clear_user __asan_* __kasan_* kasan_* __ubsan_*
  ubsan_* __sanitizer_* __msan_* __kmsan_* kmsan_* __tsan_* __kcsan_*
  check_memory_region* check_region_inline
  # spinning on a lock: the lock's user is the story
  _raw_spin_* _raw_read_* _raw_write_* do_raw_spin_* queued_spin_lock_slowpath
  native_queued_spin_lock_slowpath __pv_queued_spin_lock_slowpath queued_read_lock_slowpath
  queued_write_lock_slowpath
`);

/** Whitespace-separated names; `#` starts a comment that runs to the end of the line. */
export function words(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.replace(/#.*$/, ""))
    .join(" ")
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

export interface SkipSet {
  exact: ReadonlySet<string>;
  prefixes: readonly string[];
  suffixes: readonly string[];
}

export function compileSkip(...lists: ReadonlyArray<readonly string[]>): SkipSet {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const suffixes: string[] = [];
  for (const entry of lists.flat()) {
    if (entry.startsWith("*")) suffixes.push(entry.slice(1));
    else if (entry.endsWith("*")) prefixes.push(entry.slice(0, -1));
    else exact.add(entry);
  }
  return { exact, prefixes, suffixes };
}

export function isSkipped(fn: string, skip: SkipSet): boolean {
  if (skip.exact.has(fn)) return true;
  for (const p of skip.prefixes) if (fn.startsWith(p)) return true;
  for (const s of skip.suffixes) if (fn.endsWith(s)) return true;
  return false;
}
