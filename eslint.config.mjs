// Lint: TypeScript rules plus Nx module boundaries. Tags on each project.json
// say what may import what; a service can never import another service.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const services = ['catalog', 'subscriptions', 'orders', 'fulfillment', 'notifications'];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.local/**', '**/generated/**', 'tools/kafka/jars/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            ...services.map((name) => ({
              sourceTag: `scope:${name}`,
              onlyDependOnLibsWithTags: [`scope:${name}`, 'scope:shared'],
            })),
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:testing', 'type:tooling'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:tooling'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:tooling', 'type:testing'] },
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:tooling'] },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts'],
              bannedExternalImports: ['@nestjs/*', '@prisma/*', 'kafkajs'],
            },
          ],
        },
      ],
    },
  },
];
