/**
 * Confirming sent messages. With IRCv3 echo-message the server's echo is the confirmation
 * (https://ircv3.net/specs/extensions/echo-message); with labeled-response each line we
 * send carries a `label` tag the echo repeats (https://ircv3.net/specs/extensions/labeled-response),
 * otherwise echoes are matched to sent lines in order by target and text. Without
 * echo-message a message counts as sent once the server answered a PING written behind it
 * (pingFence.ts).
 *
 * A message split into several lines is confirmed by the echo of its first line; the
 * echoes of the other lines are not reported again (the core already has the whole text).
 *
 * A line the server refuses gets no echo but an error: with labeled-response the error
 * carries the line's label; without it, it names the target (ERR_NOSUCHNICK 401,
 * ERR_CANNOTSENDTOCHAN 404, …), and the oldest line still waiting for that target is
 * the one refused (servers answer in order). Either way the whole message has failed.
 */

export interface SentLine {
  readonly localId: string;
  /** 0 for the first line of a message. */
  readonly index: number;
  readonly target: string;
  readonly text: string;
}

/** What to do with an echo of our own message. */
export type EchoVerdict = { readonly kind: 'confirm'; readonly localId: string } | { readonly kind: 'suppress' } | { readonly kind: 'foreign' };

export class EchoTracker {
  private counter = 0;
  private readonly byLabel = new Map<string, SentLine>();
  private readonly unlabeled: SentLine[] = [];

  /** A label for a line we are about to send (short: servers may limit label length). */
  label(line: SentLine): string {
    const label = `sb${(++this.counter).toString(36)}`;
    this.byLabel.set(label, line);
    if (this.byLabel.size > 1000) {
      const oldest = this.byLabel.keys().next();
      if (!oldest.done) this.byLabel.delete(oldest.value);
    }
    return label;
  }

  /** Remember a line sent without a label, to match its echo by content. */
  expect(line: SentLine): void {
    this.unlabeled.push(line);
    if (this.unlabeled.length > 1000) this.unlabeled.shift();
  }

  /** Classify an echo (a message from ourselves) by its label or its target and text. */
  onEcho(label: string | undefined, target: string, text: string): EchoVerdict {
    let line: SentLine | undefined;
    if (label !== undefined) {
      line = this.byLabel.get(label);
      this.byLabel.delete(label);
    } else {
      const index = this.unlabeled.findIndex((l) => l.target === target && l.text === text);
      if (index >= 0) line = this.unlabeled.splice(index, 1)[0];
    }
    if (!line) return { kind: 'foreign' };
    return line.index === 0 ? { kind: 'confirm', localId: line.localId } : { kind: 'suppress' };
  }

  /** The line sent with `label` was refused: forget its whole message and say which it was. */
  refusedLabel(label: string): SentLine | undefined {
    const line = this.byLabel.get(label);
    if (line) this.forget(line.localId);
    return line;
  }

  /** A line to `target` sent without a label was refused: the oldest one waiting for it. */
  refusedTarget(target: string): SentLine | undefined {
    const line = this.unlabeled.find((l) => l.target === target);
    if (line) this.forget(line.localId);
    return line;
  }

  private forget(localId: string): void {
    for (const [label, line] of this.byLabel) if (line.localId === localId) this.byLabel.delete(label);
    for (let i = this.unlabeled.length - 1; i >= 0; i--) if (this.unlabeled[i]?.localId === localId) this.unlabeled.splice(i, 1);
  }

  /** Forget everything (the connection is gone). */
  clear(): void {
    this.byLabel.clear();
    this.unlabeled.length = 0;
  }
}
