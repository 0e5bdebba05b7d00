/**
 * What the desktop app does when the core cannot start: the user gets a dialog that names
 * the file and the cause, never just a log line and an exit. A database that cannot be used
 * as it is (damaged, or empty in a used profile) offers the repairs the core named, and the
 * core is started again with the one chosen.
 *
 * Electron's `dialog` is passed in (DialogLike), so this is tested in plain Node. The failure
 * arrives from the core's process as a CoreStartError (coreProcessClient.ts).
 */
import type { CoreRepair } from '../core/process/coreProcessProtocol.js';
import { CoreStartError } from './coreProcessClient.js';

/** The parts of Electron's dialog used here. */
export interface DialogLike {
  showMessageBox(options: { type: 'error' | 'warning'; title: string; message: string; detail?: string; buttons: string[]; defaultId: number; cancelId: number; noLink?: boolean }): Promise<{ response: number }>;
  showErrorBox(title: string, content: string): void;
}

const REPAIR_BUTTONS: Record<CoreRepair, string> = {
  'recover': 'Recover what can be read',
  'restore-backup': 'Restore the latest backup',
  'start-fresh': 'Start with an empty database',
};

/**
 * Starts the core; on a database problem asks the user what to do (as often as the answer
 * leads to another problem). Resolves to undefined when the user chose to quit or the start
 * failed for another reason (already shown).
 */
export async function startCoreAsking<C>(create: (repair?: CoreRepair) => Promise<C>, dialog: DialogLike): Promise<C | undefined> {
  let repair: CoreRepair | undefined;
  for (;;) {
    try {
      return await create(repair);
    } catch (error) {
      // The core explained its failure in words (startupFailure.ts, in its own process).
      if (!(error instanceof CoreStartError) || error.repairs.length === 0) {
        dialog.showErrorBox('Switchboard could not start', error instanceof Error ? error.message : String(error));
        return undefined;
      }
      const buttons = [...error.repairs.map((choice) => REPAIR_BUTTONS[choice]), 'Quit'];
      const { response } = await dialog.showMessageBox({
        type: 'warning', title: 'Switchboard', message: 'Your message history cannot be opened as it is.',
        detail: error.detail, buttons, defaultId: 0, cancelId: buttons.length - 1, noLink: true,
      });
      repair = error.repairs[response];
      if (repair === undefined) return undefined;
    }
  }
}
