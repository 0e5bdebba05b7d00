/** Vite's `?url` imports: the built file's URL (vite.config.ts never inlines assets). */
declare module '*.wav?url' {
  const url: string;
  export default url;
}
