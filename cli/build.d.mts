// Types of cli/build.mjs (plain JavaScript so that `npm ci` can run it without TypeScript tooling).
export declare const CLI_DIST: string;
export declare function buildCli(): Promise<void>;
