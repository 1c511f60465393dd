export {
  defaultMigrationsDir,
  findRepoRoot,
  type MigrationFile,
  readMigrations,
} from "./migrations-dir";
export {
  MIGRATION_LOCK_KEY,
  type MigrateResult,
  MigrationError,
  migrate,
  pendingMigrations,
} from "./migrator";
