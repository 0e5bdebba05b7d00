/** One progress line on a terminal's stderr, rewritten in place (nothing when stderr is not a terminal). */
export class ProgressLine {
  private shown = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  show(text: string): void {
    if (!this.stream.isTTY) return;
    this.stream.write(`\r\u001b[K${text}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\u001b[K');
    this.shown = false;
  }
}
