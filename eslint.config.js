// ESLint flat config. Every finding is an error (`npm run lint` is `eslint --max-warnings 0 .`).
// Type-aware typescript-eslint `strictTypeChecked` for TypeScript, React hooks rules for the
// renderer, and the local `layers` plugin enforcing DESIGN.md's import table
// (build/eslint/, tested by test/unit/lint-rules.test.ts).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './build/eslint/plugin.js';

const tsFiles = ['**/*.{ts,tsx,mts,cts}'];
const testFiles = ['**/*.test.{ts,tsx}'];
// Build-tool configs (renderer/vite.config.ts) run in Node at build time, not in their layer.
const toolConfigFiles = ['**/*.config.{ts,mts,js,mjs}'];

export default defineConfig([
  // The tiny SDK plugin is an outside author's project: test/integration/sdk-package.test.ts
  // compiles it against the packed SDK, which is its type check.
  globalIgnores(['dist/', 'protocols/api/dist/', 'test/fixtures/sdk-tiny-plugin/', 'examples/lan-messenger/', 'node_modules/', 'test-output/', '.tmp/', 'coverage/']),

  {
    linterOptions: { reportUnusedDisableDirectives: 'error', reportUnusedInlineConfigs: 'error' },
  },

  js.configs.recommended,

  {
    files: tsFiles,
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Kept as errors on purpose (STYLE.md: `any` and `!` are errors).
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // Numbers in messages and ids are the normal case; objects and nullish values stay errors.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // React: `onClick={() => setOpen(false)}` and `onSubmit={async () => …}` are idioms,
      // and so is the early `return fail(…)` inside a function that itself returns void.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // `while (true)` read loops over sockets and queues.
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: 'only-allowed-literals' }],
    },
  },

  {
    // IRC's wire format is made of control characters: \x02 bold, \x03 colour, \x01 CTCP.
    files: ['protocols/irc/**', 'test/**/*irc*'],
    rules: { 'no-control-regex': 'off' },
  },

  {
    // The core's calls into plugins are typed by protocols/api/calls.ts and their results
    // checked by the SDK's schemas: a cast of a call's result would hide a signature change.
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "TSAsExpression > CallExpression[callee.property.name='call'], TSAsExpression > AwaitExpression > CallExpression[callee.property.name='call']",
        message: 'A plugin call is typed (protocols/api/calls.ts): use its result type instead of a cast.',
      }],
    },
  },

  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },

  {
    files: ['renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },

  // Layering (DESIGN.md, Layout). Tests next to the code may use test helpers and Node,
  // like everything under test/, and build-tool configs run in Node; neither may pull
  // Electron into plain-Node code.
  {
    plugins: { layers },
    rules: {
      'layers/no-electron-outside-shell': 'error',
    },
  },
  {
    ignores: [...testFiles, ...toolConfigFiles],
    rules: {
      'layers/renderer-imports': 'error',
      'layers/adapter-imports': 'error',
      'layers/plugin-api-imports': 'error',
      'layers/bridge-imports': 'error',
      'layers/core-imports': 'error',
      'layers/shell-imports': 'error',
    },
  },
]);
