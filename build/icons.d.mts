// Types of build/icons.mjs (plain JavaScript: the build runs it with no build step).

/** Every size of the Linux icon folder (dist/icons/png/NxN.png). */
export const LINUX_ICON_SIZES: readonly number[];

/** Renders the icons into `outDir` (default dist/icons) unless they are newer than every SVG; returns the files written. */
export function renderIcons(options?: { readonly outDir?: string; readonly force?: boolean }): string[];
