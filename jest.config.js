// Two projects: fast unit specs next to the code, and integration suites that
// need the real Kafka broker and PostgreSQL started by the global setup.
const { compilerOptions } = require('./tsconfig.base.json');

// The @oms/* aliases are rewritten by SWC at compile time (as @swc-node/register
// does for `npm start`), which also covers global setup, where Jest's
// moduleNameMapper does not apply.
const aliases = Object.fromEntries(Object.entries(compilerOptions.paths).filter(([alias]) => alias.startsWith('@oms/')));

const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      baseUrl: __dirname,
      paths: aliases,
    },
    module: { type: 'commonjs' },
  },
];

// These ship only as ES modules (jose, @platformatic/kafka and its own packages): Node loads them with
// require(esm), Jest needs them compiled to CommonJS.
const esmPackages = ['jose', '@platformatic/kafka', '@platformatic/dynamic-buffer', '@platformatic/wasm-utils'];
const swcEsm = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'ecmascript' } }, module: { type: 'commonjs' } }];

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  transform: { '^.+\\.ts$': swc, [`/node_modules/(${esmPackages.join('|')})/.+\\.js$`]: swcEsm },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.local/'],
};

module.exports = {
  // Jest reads testTimeout only at the top level, not per project.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/src/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/*/test/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
  ],
};
