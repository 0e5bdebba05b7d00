/**
 * What the desktop app does when the core cannot start: the user gets a dialog that names
 * the file and the cause, never just a log line and an exit. A database that cannot be used
 * as it is (damaged, or empty in a used profile) offers the repairs the core named, and the
 * core is started again with the one chosen.
 *
 * Electron's `dialog` is passed in (DialogLike), so this is tested in plain Node.
 */
import type { Core } from '../core/createCore.js';
import { ProfileDatabaseError, type DatabaseRepair } from '../core/profile/profileDatabase.js';
import { explainStartupFailure } from '../core/profile/startupFailure.js';

/** The parts of Electron's dialog used here. */
export interface DialogLike {
  showMessageBox(options: { type: 'error' | 'warning'; title: string; message: string; detail?: string; buttons: string[]; defaultId: number; cancelId: number; noLink?: boolean }): Promise<{ response: number }>;
  showErrorBox(title: string, content: string): void;
}

const REPAIR_BUTTONS: Record<DatabaseRepair, string> = {
  'recover': 'Recover what can be read',
  'restore-backup': 'Restore the latest backup',
  'start-fresh': 'Start with an empty database',
};

/**
 * Starts the core; on a database problem asks the user what to do (as often as the answer
 * leads to another problem). Resolves to undefined when the user chose to quit or the start
 * failed for another reason (already shown).
 */
export async function startCoreAsking(create: (repair?: DatabaseRepair) => Promise<Core>, dialog: DialogLike, profileDir: string): Promise<Core | undefined> {
  let repair: DatabaseRepair | undefined;
  for (;;) {
    try {
      return await create(repair);
    } catch (error) {
      if (!(error instanceof ProfileDatabaseError)) {
        dialog.showErrorBox('Switchboard could not start', explainStartupFailure(error, profileDir));
        return undefined;
      }
      const buttons = [...error.choices.map((choice) => REPAIR_BUTTONS[choice]), 'Quit'];
      const { response } = await dialog.showMessageBox({
        type: 'warning', title: 'Switchboard', message: 'Your message history cannot be opened as it is.',
        detail: error.message, buttons, defaultId: 0, cancelId: buttons.length - 1, noLink: true,
      });
      repair = error.choices[response];
      if (repair === undefined) return undefined;
    }
  }
}
