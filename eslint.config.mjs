// ESLint (flat config): typescript-eslint everywhere, React hooks rules and Microsoft's Office add-in
// rules for the task pane. Formatting is Prettier's job (.prettierrc.json), layering dependency-cruiser's
// (.dependency-cruiser.cjs); `npm run lint` runs all three.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import officeAddins from 'eslint-plugin-office-addins';
import globals from 'globals';

// Only the plugin's own Office rules: its `recommended` array also brings Prettier-as-a-lint-rule and its
// own typescript-eslint copy, which would clash with ours (Prettier runs on its own in `npm run lint`).
const officeRules = Object.fromEntries(
  officeAddins.configs.recommended.flatMap((c) => Object.entries(c.rules ?? {})).filter(([name]) => name.startsWith('office-addins/')),
);

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'coverage/**', 'tests/artifacts/**', 'bench/out/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Chinese text uses the ideographic space (U+3000) on purpose, e.g. the blanks of 年　　月　　日.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipComments: true }],
      // `_`-prefixed parameters are deliberately unused (handler signatures, callbacks).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['addin/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'office-addins': officeAddins },
    languageOptions: { globals: { Office: 'readonly', Excel: 'readonly', OfficeExtension: 'readonly' } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      ...officeRules,
    },
  },
  {
    // Tests drive loosely typed doubles (office-addin-mock objects, patched Office/Excel globals, raw JSON
    // answers); typing each would only restate the double. Product code keeps the rule.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // WPS loads main.js as a classic script and calls its ribbon callbacks by name from ribbon.xml,
    // so top-level functions look unused and `window` is declared for the linter's benefit.
    files: ['wps/**/*.js'],
    languageOptions: { sourceType: 'script' },
    rules: {
      'no-redeclare': ['error', { builtinGlobals: false }],
      '@typescript-eslint/no-unused-vars': ['error', { vars: 'local', caughtErrorsIgnorePattern: '^_' }],
    },
  },
);
