/**
 * Files a transport received on its own before the request that sends them: headless
 * mode takes an upload as a streamed HTTP POST (a 40 MB WebSocket frame would cost the
 * server twice that in memory) and the request names it by id.
 */
export interface StagedFile {
  /** A private file the taker now owns: it moves or deletes it. */
  readonly path: string;
  readonly size: number;
}

export interface StagedFiles {
  /** The file received under `id`, handed over once; undefined when unknown or expired. */
  take(id: string): StagedFile | undefined;
}

/** What `messages.sendFile` sends: the bytes themselves (Electron IPC) or a staged file (headless). */
export type OutgoingFileSource = { readonly bytes: Buffer } | { readonly staged: StagedFile };
