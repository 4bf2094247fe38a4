import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Compiles src/ to dist/ once (the CLI runs from there).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Native proving is CPU-heavy; CI has 2 cores, so files run with limited parallelism.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
