import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for the browser or a worker thread; on a loaded 2-core machine a seal scan's first
    // QR read (a fresh worker) takes seconds, far past the 1 s default.
    expect: { poll: { timeout: 20_000 } },
    globalSetup: ['tests/setup/azurite.ts', 'tests/setup/build-cli.ts'],
    reporters: ['default', './tests/setup/summary-reporter.ts'],
  },
});
