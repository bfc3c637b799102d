import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// couchgate serves dist/ at "/", and the app calls /api and /database on the same origin.
// `npm run dev` proxies both to a couchgate running locally on port 8080.
const couchgate = 'http://127.0.0.1:8080';

// Text files that get a precompressed `<file>.gz` beside them; couchgate sends that one, with
// `Content-Encoding: gzip`, to a browser whose Accept-Encoding allows gzip.
const COMPRESSED = /\.(js|css|html|svg|json|txt)$/;

/** After the build, writes `<file>.gz` (gzip level 9, Node's own zlib) for every text file in dist/. */
function precompress() {
  let outDir = 'dist';
  return {
    name: 'couchgate-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle() {
      const files = readdirSync(outDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && COMPRESSED.test(entry.name))
        .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
      for (const file of files) {
        writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: constants.Z_BEST_COMPRESSION }));
      }
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [react(), precompress()],
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
