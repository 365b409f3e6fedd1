import { defineConfig } from 'vitest/config';
import SlowestFirst from './tests/setup/slowest-first.js';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.js'],
    globalSetup: ['tests/setup/page-modules.js'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two files at a time even on two cores (Vitest's default there is one):
    // most files spend their time waiting on Chromium, a CLI child process
    // or one Python thread, so one file alone leaves a core idle.
    maxWorkers: 2,
    sequence: { sequencer: SlowestFirst },
  },
});
