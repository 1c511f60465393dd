export { dbTest } from "./db-test";
export {
  createTestDatabase,
  ensureTemplateDatabase,
  testServerUrl,
  type TestDatabase,
} from "./test-server";
