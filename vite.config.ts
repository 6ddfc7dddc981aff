import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// No COOP/COEP headers on purpose: with them tfjs picks its threaded wasm binary, whose
// workers crash in a minified build (tfjs #4107, #4539). Most static hosts send none either.
export default defineConfig({
  plugins: [react()],
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
