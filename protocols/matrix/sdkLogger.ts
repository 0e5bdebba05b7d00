/**
 * matrix-js-sdk logs a great deal through loglevel, and `setLevel` does not reach its child
 * loggers (../shared/notes/stack.md). Wrapping `logger.methodFactory` does: every logger made
 * after this, and the ones rebuilt here, write nowhere unless a sink is set. One sink per
 * worker: the SDK's logger is global, so lines cannot be told apart per account.
 */
import { logger, type Logger } from 'matrix-js-sdk/lib/logger.js';

/** The loglevel logger under the SDK's `logger` (its type hides these). */
interface LoglevelLogger {
  methodFactory: (methodName: string, level: number, loggerName: string | symbol) => (...args: unknown[]) => void;
  rebuild(): void;
}

type Sink = (level: string, line: string) => void;

let sink: Sink | undefined;
let installed = false;

function render(args: readonly unknown[]): string {
  return args.map((arg) => {
    if (typeof arg === 'string') return arg;
    if (arg instanceof Error) return arg.message;
    try {
      return JSON.stringify(arg);
    } catch {
      return String(arg);
    }
  }).join(' ');
}

/** Silence the SDK's global logger (idempotent); `SWITCHBOARD_MATRIX_SDK_LOG=1` lets it through to stderr. */
export function silenceSdkLogger(): void {
  if (installed) return;
  installed = true;
  const passThrough = process.env['SWITCHBOARD_MATRIX_SDK_LOG'] === '1';
  const root = logger as unknown as LoglevelLogger;
  const original = root.methodFactory;
  root.methodFactory = (methodName, level, loggerName) => {
    const inner = original(methodName, level, loggerName);
    return (...args: unknown[]): void => {
      if (passThrough) {
        inner(...args);
        return;
      }
      if (sink && (methodName === 'warn' || methodName === 'error')) sink(methodName, render(args));
    };
  };
  root.rebuild();
}

/** Where SDK warnings go (e.g. a test's console); undefined drops them. */
export function setSdkLogSink(next: Sink | undefined): void {
  sink = next;
}

/** A logger for the parts of the SDK that take one per client: silent. */
export const quietLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  getChild: () => quietLogger,
};
