// Who may import whom (docs/architecture.md). A wrong import fails `npm run lint`.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'stream', 'worker_threads', 'module', 'events', 'buffer'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'scratch/**', 'resources/**', '.venv/**', '.venv-*/**', 'bin/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['common/**/*.ts'],
    // Tests run in Node beside the code they test.
    ignores: ['common/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'common/ is pure TypeScript: no Node imports.' },
          { group: ['electron', 'electron/*'], message: 'common/ cannot import Electron.' },
          { group: ['react', 'react-dom', 'react/*', '@xyflow/*', 'zustand', 'monaco-editor', 'monaco-editor/*'], message: 'common/ cannot import UI libraries.' },
          { group: ['**/main/**', '**/renderer/**', '**/preload/**', '../main', '../renderer', '../preload'], message: 'common/ imports only common/.' },
          { group: ['@duckdb/*', 'better-sqlite3', 'ws'], message: 'common/ cannot import native or server modules.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'common/ cannot use the DOM.' },
        { name: 'document', message: 'common/ cannot use the DOM.' },
        { name: 'process', message: 'common/ cannot use Node globals.' },
        { name: 'Buffer', message: 'common/ cannot use Node globals.' },
        { name: 'require', message: 'common/ cannot use Node globals.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/main/**', '../main', '../../main', '../../../main'], message: 'renderer/ cannot import main/: use the API (window.sluice).' },
          { group: nodeBuiltins, message: 'renderer/ cannot import Node modules.' },
          { group: ['electron', 'electron/*'], message: 'renderer/ cannot import Electron: use the API.' },
          { group: ['@duckdb/*', 'better-sqlite3', 'ws'], message: 'renderer/ cannot import engine or server modules.' },
          { group: ['**/preload/**', '!**/preload/api-types'], message: 'renderer/ may import only the preload API types.' },
        ],
      }],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/main/**', '**/renderer/**'], message: 'preload/ imports only electron and common/.' },
          { group: nodeBuiltins, message: 'a sandboxed preload cannot use Node modules.' },
        ],
      }],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/renderer/**', '../renderer', '../../renderer'], message: 'main/ cannot import renderer/.' }],
      }],
    },
  },
  {
    // Only the Electron shell may import Electron; the engine, store, serve mode and CLI run without it.
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'only main/electron/ may import Electron.' },
          { group: ['**/renderer/**', '../renderer', '../../renderer'], message: 'main/ cannot import renderer/.' },
        ],
      }],
    },
  },
);
