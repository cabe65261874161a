import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Resolved from this file, so the config works whether Vite or Vitest starts here or at the repo root.
const root = fileURLToPath(new URL('.', import.meta.url));

// The libraries every page needs change far less often than the app: in a chunk of their own they
// stay in visitors' caches across deploys.
const VENDOR =
  /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|i18next|react-i18next|use-sync-external-store)[\\/]/;

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    rollupOptions: {
      output: { manualChunks: (id) => (VENDOR.test(id) ? 'vendor' : undefined) },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:5001', ws: true },
      '/health': 'http://localhost:5001',
    },
  },
  test: {
    name: 'web',
    root,
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
  },
});
