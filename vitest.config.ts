import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['tests/setup/azurite.ts', 'tests/setup/build-cli.ts'],
    reporters: ['default', './tests/setup/summary-reporter.ts'],
  },
});
