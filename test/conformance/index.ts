/** The conformance kit lives in the plugin SDK (protocols/api/check); these tests run it through vitest. */
export { defineConformanceSuite } from './suite.js';
export { TestAccount, createMemoryPersistence, type AccountPersistence, type AccountSettings, type ConformanceHarness, type ConformanceServer } from '../../protocols/api/check/index.js';
