export { defineConformanceSuite } from './suite.js';
export type { AccountSettings, ConformanceHarness, ConformanceServer } from './harness.js';
export { TestAccount } from './testAccount.js';
export { createMemoryPersistence, type AccountPersistence } from './memoryStorage.js';
