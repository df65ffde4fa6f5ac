/**
 * The one use of Vite's import.meta.glob the renderer's tests make: reading fixture files as text (the web
 * tsconfig has no Node types, so tests cannot use node:fs). Typed here rather than pulling in vite/client.
 */
interface ImportMeta {
  glob(pattern: string, options: { query: '?raw'; import: 'default'; eager: true }): Record<string, string>
}
