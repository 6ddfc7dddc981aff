import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The production page's Content-Security-Policy: scripts only from this origin, no inline
 * script, no remote origin anywhere; 'wasm-unsafe-eval' lets the wasm backend compile.
 * Styles allow inline attributes (figures set them; exported SVGs carry them). Build only:
 * the dev server injects an inline script for React refresh.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  // KaTeX's fonts come with the bundle (Vite inlines the smallest as data: URLs)
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

// No COOP/COEP headers on purpose: with them tfjs picks its threaded wasm binary, whose
// workers crash in a minified build (tfjs #4107, #4539). Most static hosts send none either.
export default defineConfig({
  // Relative asset URLs: dist/ works from any folder of a static host (a GitHub Pages project
  // site, a course page) with no rebuild; wasm, fonts and lazy chunks resolve from the page.
  base: './',
  plugins: [
    react(),
    contentSecurityPolicy(),
    // Offline after the first visit (a lecture hall with no network): a Workbox service worker
    // precaches the whole build, wasm binaries, KaTeX fonts and images included. 'prompt': a new
    // version is offered (src/offline.ts, UpdateBanner), never forced in the middle of a lesson.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{html,js,css,wasm,svg,png,webp,woff,woff2,ttf}'],
        // the README's picture is not part of the app
        globIgnores: ['screenshot.png'],
        // the wasm binaries and the tfjs chunk are larger than Workbox's 2 MB default
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        navigateFallback: 'index.html',
        // the first install takes the open page at once; later versions wait for the person
        clientsClaim: true,
        skipWaiting: false,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // every core: Vitest's default leaves one free, which on a 2-core machine runs the files one
    // at a time (129 s against 87 s here)
    maxWorkers: '100%',
  },
});
