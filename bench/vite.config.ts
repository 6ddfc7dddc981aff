import { defineConfig } from 'vite';

// The benchmark page is built on its own, so nothing of it ships with the app.
export default defineConfig({
  root: 'bench',
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
