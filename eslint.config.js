import tseslint from 'typescript-eslint';

const serverOnly = ['stripe', 'fastify', '@portal/db', '@portal/stripe-emulator', 'kysely', 'pg'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'e2e/fixtures/fresh-vite-app/**',
      'data/**',
      'artifacts/**',
      'bench/results/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Configuration is parsed once, in env modules; everything else receives it.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in an env module (env.ts) and pass it in.' },
      ],
    },
  },
  {
    files: ['**/env.ts', '**/test-env.ts', '**/vite.config.ts', 'scripts/**', '**/bin/**', '**/cli.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The browser bundle must never carry server code: the router is imported for its type only.
    files: ['apps/web/**', 'packages/client/src/**', 'apps/example-host/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@portal/api', message: 'Import the router as a type only.', allowTypeImports: true },
            ...serverOnly.map((name) => ({ name, message: 'Server-only package: not in the browser bundle.' })),
          ],
        },
      ],
    },
  },
);
