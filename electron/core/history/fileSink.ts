/**
 * Writes a file through a temporary name and renames it into place at the end, so that a
 * cancelled or failed export never leaves a half-written file under the name asked for.
 * Text is gathered into ~1 MiB writes: few system calls, bounded memory.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

const FLUSH_AT = 1 << 20;

export class FileSink {
  private readonly fd: number;
  private pending: string[] = [];
  private pendingLength = 0;
  private closed = false;

  constructor(readonly temporaryPath: string) {
    this.fd = openSync(temporaryPath, 'wx', 0o600);
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= FLUSH_AT) this.flush();
  }

  /** Writes what is left and renames the file to `path`. */
  commit(path: string): void {
    this.flush();
    this.closeFd();
    renameSync(this.temporaryPath, path);
  }

  /** Closes and removes the temporary file. */
  discard(): void {
    this.closeFd();
    rmSync(this.temporaryPath, { force: true });
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }

  private closeFd(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
