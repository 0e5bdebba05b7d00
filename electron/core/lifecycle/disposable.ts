/**
 * VS Code's lifecycle pattern (src/vs/base/common/lifecycle.ts), as the core needs it:
 * whatever holds the process open or outlives a call (a listener, a timer, a socket, a
 * worker, a database) is registered as a Disposable, and a DisposableStore releases what it
 * holds, newest first, exactly once. Unlike VS Code's, a dispose may be async (a worker
 * stops, a backup finishes): the store awaits each before the next, so that what was
 * created first (the database) is released last.
 */

export interface Disposable {
  dispose(): void | Promise<void>;
}

export function toDisposable(release: () => void | Promise<void>): Disposable {
  let done = false;
  return {
    dispose() {
      if (done) return undefined;
      done = true;
      return release();
    },
  };
}

/** A timer that is cleared when disposed; `unref` keeps it from holding the process open meanwhile. */
export function disposableTimeout(run: () => void, ms: number): Disposable {
  const timer = setTimeout(run, ms);
  timer.unref();
  return toDisposable(() => clearTimeout(timer));
}

export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;
  private disposing: Promise<void> | undefined;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Holds `item` until the store is disposed; added after that, it is released at once. */
  add<T extends Disposable>(item: T): T {
    if (this.disposed) {
      void Promise.resolve(item.dispose()).catch(() => undefined);
      return item;
    }
    this.items.push(item);
    return item;
  }

  /** Shorthand for `add(toDisposable(release))`. */
  defer(release: () => void | Promise<void>): Disposable {
    return this.add(toDisposable(release));
  }

  /**
   * Releases everything, newest first. A release that throws does not stop the others; the
   * first error is rethrown at the end. Calling again returns the same promise.
   */
  dispose(): Promise<void> {
    this.disposing ??= this.release();
    return this.disposing;
  }

  private async release(): Promise<void> {
    this.disposed = true;
    const errors: unknown[] = [];
    for (let item = this.items.pop(); item; item = this.items.pop()) {
      try {
        await item.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  }
}
