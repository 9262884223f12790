import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@aftercare/contracts': decodeURIComponent(
        new URL('../../packages/contracts/src/index.ts', import.meta.url).pathname,
      ),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      // AFTERCARE_API points the dev server at another API (default: the server's own port 3000).
      '/api': process.env.AFTERCARE_API ?? 'http://localhost:3000',
    },
  },
});
