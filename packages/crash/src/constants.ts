// Plain values kept apart from the zod schemas, so the bundled CLI does not carry zod.

export const CRASH_KINDS = [
  "null-deref",
  "paging-fault",
  "gpf",
  "bug",
  "divide-error",
  "warning",
  "soft-lockup",
  "hard-lockup",
  "rcu-stall",
  "hung-task",
  "panic",
  "oom-kill",
  "sleeping-in-atomic",
  "scheduling-while-atomic",
  "bad-page",
  "kasan",
  "kfence",
  "ubsan",
  "slab",
  "list-corruption",
  "refcount",
  "usercopy",
  "fortify",
  "stack-protector",
  "machine-check",
] as const;

/** Stored with every signature; a new version means re-signing, never mixing. */
export const SIGNATURE_VERSION = "v1";
