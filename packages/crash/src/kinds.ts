import type { CrashKind } from "./schema";
import {
  ALLOC_HELPERS,
  compileSkip,
  words,
  GENERIC_HELPERS,
  IRQ_HELPERS,
  REPORTING_HELPERS,
  type SkipSet,
  WAIT_HELPERS,
} from "./skip";

interface KindSpec {
  /** Also skipped when looking for the raising function (reporting code of this kind). */
  skip?: readonly string[];
  /** Skipped only when naming the culprit: the checker's own code and its wrappers. */
  blameSkip?: readonly string[];
  /** The title names no function (an OOM kill is about memory, not a code location). */
  noFunctionInTitle?: boolean;
  /** A report without a function is still complete. */
  functionOptional?: boolean;
}

const SPECS: Record<CrashKind, KindSpec> = {
  "null-deref": {},
  "paging-fault": {},
  gpf: {},
  bug: {},
  "divide-error": {},
  warning: {
    // lockdep reports: its checker and the lock primitive are not the story
    skip: [
      ...words(`
        print_circular_bug* check_noncircular check_prev_add validate_chain __lock_acquire
        lock_acquire* lock_release print_usage_bug* mark_lock* valid_state print_deadlock_bug
        check_deadlock lockdep_* __lockdep_*
      `),
      ...WAIT_HELPERS,
    ],
  },
  "soft-lockup": { skip: IRQ_HELPERS },
  "hard-lockup": { skip: IRQ_HELPERS },
  "rcu-stall": { skip: IRQ_HELPERS },
  "hung-task": { skip: WAIT_HELPERS },
  panic: {},
  "oom-kill": {
    skip: words(`dump_header oom_kill_process`),
    noFunctionInTitle: true,
    functionOptional: true,
  },
  "sleeping-in-atomic": {
    skip: [
      ...words(`___might_sleep __might_sleep __might_resched __might_fault might_fault`),
      ...WAIT_HELPERS,
      ...ALLOC_HELPERS,
    ],
  },
  "scheduling-while-atomic": { skip: [...words(`__schedule_bug schedule_debug`), ...WAIT_HELPERS] },
  "bad-page": {
    skip: words(`
      bad_page free_page_is_bad* check_free_page* free_pages_check* free_tail_page*
      free_pcp_prepare free_pages_prepare free_unref_page_prepare check_new_page*
      check_new_pages
    `),
    blameSkip: words(`
      __free_pages_ok free_unref_page* free_unref_folios __free_pages free_pages __folio_put
      folio_put put_page __put_page release_pages free_compound_page destroy_large_folio
      rmqueue* get_page_from_freelist __alloc_pages* alloc_pages*
    `),
  },
  kasan: { skip: words(`print_report print_address_description* kasan_report* __kasan_report`) },
  kfence: { skip: words(`kfence_report_error kfence_handle_page_fault`) },
  ubsan: {
    skip: words(`
      ubsan_epilogue ubsan_prologue __ubsan_handle_* ubsan_type_mismatch_common
      handle_overflow handle_null_ptr_deref handle_misaligned_access
      handle_object_size_mismatch
    `),
  },
  slab: {
    skip: words(`
      print_trailer object_err slab_err slab_fix check_bytes_and_report check_object
      check_slab on_freelist free_debug_processing alloc_debug_processing
      free_consistency_checks alloc_consistency_checks __slab_free slab_free* do_slab_free
      ___slab_alloc __slab_alloc* slab_alloc_node
    `).concat(ALLOC_HELPERS),
  },
  "list-corruption": {
    blameSkip: words(`
      __list_* list_del list_del_init list_del_rcu list_add list_add_tail list_add_rcu
      list_move list_move_tail list_replace* hlist_del* hlist_add*
    `),
  },
  refcount: { blameSkip: words(`refcount_* __refcount_* kref_put kref_get`) },
  usercopy: {
    blameSkip: words(`
      usercopy_abort usercopy_warn __check_object_size check_object_size __check_heap_object
      check_heap_object check_stack_object check_kernel_text_object check_page_span
      check_bogus_address _copy_to_user _copy_from_user copy_to_user copy_from_user
      __copy_to_user* __copy_from_user* raw_copy_* check_copy_size
    `),
  },
  fortify: {
    blameSkip: words(`
      fortify_panic __fortify_panic __fortify_report fortify_report __fortify_* fortify_*
      __write_overflow* __read_overflow*
    `),
  },
  "stack-protector": {},
  "machine-check": {
    skip: words(`
      mce_panic do_machine_check exc_machine_check asm_exc_machine_check machine_check
      mce_timed_out mce_reign noist_exc_machine_check
    `),
    functionOptional: true,
  },
};

export interface KindRules {
  skip: SkipSet;
  blameSkip: SkipSet;
  noFunctionInTitle: boolean;
  functionOptional: boolean;
}

const compiled = new Map<CrashKind, KindRules>();

/** Skip sets and title rules of one kind, compiled once. */
export function kindRules(kind: CrashKind): KindRules {
  const cached = compiled.get(kind);
  if (cached) return cached;
  const spec = SPECS[kind];
  const kindSkip = spec.skip ?? [];
  const rules: KindRules = {
    skip: compileSkip(REPORTING_HELPERS, kindSkip),
    blameSkip: compileSkip(REPORTING_HELPERS, kindSkip, spec.blameSkip ?? [], GENERIC_HELPERS),
    noFunctionInTitle: spec.noFunctionInTitle ?? false,
    functionOptional: spec.functionOptional ?? false,
  };
  compiled.set(kind, rules);
  return rules;
}
