// ESLint (flat config): typescript-eslint everywhere, React hooks rules and Microsoft's Office add-in
// rules for the task pane. Formatting is Prettier's job (.prettierrc.json), layering dependency-cruiser's
// (.dependency-cruiser.cjs); `npm run lint` runs all three.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import officeAddins from 'eslint-plugin-office-addins';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'coverage/**', 'tests/artifacts/**', 'bench/out/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
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
      ...officeAddins.configs.recommended.rules,
    },
  },
);
