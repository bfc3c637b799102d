import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// couchgate serves dist/ at "/", and the app calls /api and /database on the same origin.
// `npm run dev` proxies both to a couchgate running locally on port 8080.
const couchgate = 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  plugins: [react()],
  // PouchDB is written against Node's EventEmitter: the `events` package (a dependency) is
  // bundled in its place, and `global` is mapped for any CommonJS code that expects it.
  define: { global: 'globalThis' },
  server: {
    proxy: {
      '/api': { target: couchgate, changeOrigin: false },
      '/database': { target: couchgate, changeOrigin: false },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
