// Types of build/electronBinary.mjs (plain JavaScript: `npm start` runs it with no build step).

export type ElectronBinary = { readonly binary: string; readonly problem?: undefined } | { readonly problem: string; readonly binary?: undefined };

export function electronPackageDir(from?: string): string | undefined;
export function findElectronBinary(packageDir: string | undefined, env?: NodeJS.ProcessEnv): ElectronBinary;
