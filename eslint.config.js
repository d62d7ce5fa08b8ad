// Folders are runtime environments; these rules keep each folder to what its environment has.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'worker_threads', 'url', 'stream', 'zlib', 'util', 'events'];

const sharedPatterns = [
  { group: nodeBuiltins, message: 'shared/ is pure TypeScript: no Node built-ins.' },
  { group: ['electron', 'electron/*'], message: 'shared/ must not import electron.' },
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'shared/ must not import React or the DOM.' },
  { group: ['**/main/**', '**/renderer/**', '../main/*', '../renderer/*'], message: 'shared/ imports only shared/.' },
  { group: ['lowdb', 'lowdb/*', 'xlsx', 'exceljs'], message: 'shared/ holds pure logic; I/O libraries belong in main/.' },
];
const mainPatterns = [
  { group: ['**/renderer/**', '../renderer/*', 'react', 'react-dom'], message: 'main/ must not import the renderer.' },
];

// The workflow's steps, in order. Like VS Code's layering rule: a step's shared code (shared/<step>/) builds on the
// base model (shared/campaign/), the contract's error codes, its own and earlier steps' contract files and earlier
// steps only; the store (shared/store/)
// composes the steps' slices, and main/store/ (the journal and snapshots) knows no step at all.
const STEPS = ['setup', 'nominations', 'panel', 'scoring', 'results', 'meeting'];
const stepLayers = STEPS.map((step, i) => ({
  files: [`shared/${step}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        ...sharedPatterns,
        { group: ['**/store/**'], message: `shared/${step}/ is a step: the store composes the steps, a step never imports shared/store/.` },
        // Its own and earlier steps' contract files give the shapes its pure code answers with (ImportPreview…).
        { group: ['**/contract/**', '!**/contract/errors.ts', ...STEPS.slice(0, i + 1).map((s) => `!**/contract/${s}.ts`)], message: `shared/${step}/ is a step: of the contract it imports only errors.ts and its own and earlier steps' files.` },
        ...(i + 1 < STEPS.length
          ? [{ group: STEPS.slice(i + 1).map((later) => `**/${later}/**`), message: `shared/${step}/ imports only earlier steps (${STEPS.join(' → ')}).` }]
          : []),
      ],
    }],
  },
}));

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: sharedPatterns }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', 'localStorage', 'navigator'],
    },
  },
  {
    files: ['main/**/*.ts', 'bin/**/*.js', 'scripts/**/*.js', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { patterns: mainPatterns }],
    },
  },
  ...stepLayers,
  {
    files: ['main/store/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...mainPatterns,
          { group: [...STEPS.map((step) => `**/${step}/**`), '**/services/**'], message: 'main/store/ keeps journals and snapshots for any doc: it imports no step (shared/store/ composes them).' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'renderer/ runs in the browser: no Node built-ins.' },
          { group: ['electron', 'electron/*'], message: 'renderer/ talks to main only through the contract.' },
          { group: ['**/main/**', '../main/*', '../../main/*'], message: 'renderer/ imports shared/, never main/.' },
          { group: ['lowdb', 'lowdb/*', 'xlsx', 'exceljs'], message: 'File and store libraries belong in main/.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['test/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
