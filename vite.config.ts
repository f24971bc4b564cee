import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * main.tsx starts the window's first calls, then imports the app (app/mount.tsx) as
 * a chunk of its own (renderer/src/app/early-open.ts says why). These links fetch
 * that chunk, its imports and its styles beside the entry rather than after it.
 */
function preloadAppChunk(): Plugin {
  return {
    name: 'sluice-preload-app-chunk',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunk = Object.values(context.bundle ?? {}).find((output) => output.type === 'chunk' && output.facadeModuleId?.endsWith('/app/mount.tsx'));
        if (!chunk || chunk.type !== 'chunk') return html;
        const link = (rel: string, file: string): HtmlTagDescriptor => ({ tag: 'link', attrs: { rel, crossorigin: true, href: `./${file}` }, injectTo: 'head' });
        const styles = [...(chunk.viteMetadata?.importedCss ?? [])];
        return { html, tags: [...[chunk.fileName, ...chunk.imports].map((file) => link('modulepreload', file)), ...styles.map((file) => link('stylesheet', file))] };
      },
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), preloadAppChunk()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 8000,
  },
});
