import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Two projects: fast unit tests next to the code, and integration tests against real
// servers started by test/servers (one file at a time: the servers are real processes).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [react()],
        test: {
          name: 'unit',
          include: ['electron/**/*.test.ts', 'protocols/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/buildOnce.ts'],
          setupFiles: ['test/support/forkSignals.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // The bench's smoke run (every part at tiny sizes) keeps `npm run bench` from rotting.
          // Its own project so that `npm test` can run it beside the integration tests: it is
          // one process tree with its own servers on free ports, and mostly waits on them.
          name: 'bench',
          include: ['bench/**/*.smoke.test.ts'],
          globalSetup: ['test/support/buildOnce.ts'],
          setupFiles: ['test/support/forkSignals.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
