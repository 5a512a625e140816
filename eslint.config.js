import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'reports', 'dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-checked with the DOM library for the browser code; the server must not reach for it.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/web/client/**'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'location', 'history', 'navigator', 'localStorage', 'sessionStorage', 'HTMLElement', 'confirm', 'alert'],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
