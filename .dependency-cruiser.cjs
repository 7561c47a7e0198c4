// The architecture as dependency rules (dependency-cruiser); `npm run lint` checks them.
// Layers of functions/src: see functions/README.md.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-browser-no-node',
      comment: 'shared/ outside shared/node/ is bundled for the task pane: no Node built-ins, Azure or Office-host modules.',
      severity: 'error',
      from: { path: '^shared/', pathNot: '^shared/node/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-browser-no-server-packages',
      severity: 'error',
      from: { path: '^shared/', pathNot: '^shared/node/' },
      to: { path: 'node_modules/(@azure/|exceljs|office-addin-|@microsoft/office-js)' },
    },
    {
      name: 'shared-browser-no-shared-node',
      comment: 'the browser part of shared/ may not reach into its Node-only part',
      severity: 'error',
      from: { path: '^shared/', pathNot: '^shared/node/' },
      to: { path: '^shared/node/' },
    },
    {
      name: 'shared-imports-only-shared',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(addin|functions|cli|scripts|bench|tests|fixtures)/' },
    },
    {
      name: 'pane-not-functions',
      comment: 'the task pane talks to the functions over HTTP only (through shared/api)',
      severity: 'error',
      from: { path: '^addin/' },
      to: { path: '^(functions|cli|scripts|fixtures)/' },
    },
    {
      name: 'function-files-call-use-cases',
      comment: 'functions/src/functions/* parse requests, call a use case (app/) and map the response; startup.ts is the composition hook',
      severity: 'error',
      from: { path: '^functions/src/functions/', pathNot: '^functions/src/functions/startup\\.ts$' },
      to: { path: '^functions/src/(domain|storage|documents)/|^functions/src/services\\.ts$' },
    },
    {
      name: 'azure-functions-only-at-the-edge',
      comment: '@azure/functions is used by the function files and http/request.ts only',
      severity: 'error',
      from: { path: '^functions/src/', pathNot: '^functions/src/(functions|http)/' },
      to: { path: 'node_modules/@azure/functions/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'domain/ holds pure rules: no use cases, adapters, infrastructure or storage code (storage types are fine)',
      severity: 'error',
      from: { path: '^functions/src/domain/' },
      to: { path: '^functions/src/(app|functions|http|infra|documents)/|^functions/src/services\\.ts$' },
    },
    {
      name: 'domain-no-storage-code',
      severity: 'error',
      from: { path: '^functions/src/domain/' },
      to: { path: '^functions/src/storage/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'use-cases-below-the-edge',
      severity: 'error',
      from: { path: '^functions/src/(app|domain|storage|infra|documents)/' },
      to: { path: '^functions/src/(functions|http)/' },
    },
    {
      name: 'storage-below-use-cases',
      severity: 'error',
      from: { path: '^functions/src/storage/' },
      to: { path: '^functions/src/(app|domain|documents)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(functions/src|shared|addin/src)/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
