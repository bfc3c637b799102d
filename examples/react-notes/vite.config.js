import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// couchgate serves dist/ at "/", and the app calls /api and /database on the same origin.
// `npm run dev` proxies both to a couchgate running locally on port 8080.
const couchgate = 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  plugins: [react()],
  // pouchdb-browser imports Node's `events` without declaring it: the `events` package (a direct
  // dependency here) is what Vite bundles for it. PouchDB 9 needs no `global` shim.
  server: {
    proxy: {
      '/api': { target: couchgate, changeOrigin: false },
      '/database': { target: couchgate, changeOrigin: false },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
