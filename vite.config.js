import { defineConfig } from 'vite';

// index.html at the root is the page; www/ holds its modules and www/pkg the
// wasm-bindgen output that scripts/build-wasm.sh writes.
export default defineConfig({
  root: '.',
  // Relative asset paths: dist/ works from any static server, at any path.
  base: './',
  build: { outDir: 'dist', target: 'es2022' },
  // The engine's worker is a module worker (engine.js starts it): its imports stay ES modules.
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
});
