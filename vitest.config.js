import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.js'],
    globalSetup: ['tests/setup/page-modules.js'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
