import { resolve } from 'node:path'
import { defineConfig } from 'vite'

const root = resolve(import.meta.dirname, '..')

/**
 * The CLI as plain Node ESM in out/cli, run with `node out/cli/index.js` (no tsx at run time). Packages stay
 * external (ssr mode): they are resolved from node_modules, like the main process's.
 */
export default defineConfig({
  root,
  logLevel: 'warn',
  build: {
    ssr: resolve(root, 'src-main/cli/index.ts'),
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rolldownOptions: { output: { entryFileNames: 'index.js', codeSplitting: false } },
  },
})
