/**
 * Electron glue for trayMenu.ts: the tray icon (Linux, Windows) or menu bar item (macOS),
 * redrawn from the app's state. Linux desktops without a tray (StatusNotifierItem) simply
 * show nothing; the app still works from its window.
 */
import { join } from 'node:path';
import type { Menu, NativeImage, Tray } from 'electron';
import { trayImageName, trayMenuTemplate, type TrayActions, type TrayState } from './trayMenu.js';
import { menuBarTitle, trayTooltip } from './unreadText.js';

export interface TrayParts {
  readonly Tray: new (image: NativeImage) => Tray;
  readonly Menu: Pick<typeof Menu, 'buildFromTemplate'>;
  readonly createImage: (path: string) => NativeImage;
  readonly platform: NodeJS.Platform;
  /** dist/icons/tray (build/icons.mjs renders it). */
  readonly iconsDir: string;
  readonly log: (line: string) => void;
}

export interface TrayHandle {
  update(state: TrayState): void;
  destroy(): void;
}

export function createTray(parts: TrayParts, state: TrayState, actions: TrayActions): TrayHandle | undefined {
  const image = (name: string): NativeImage => {
    const loaded = parts.createImage(join(parts.iconsDir, `${name}.png`));
    if (parts.platform === 'darwin') loaded.setTemplateImage(true);
    return loaded;
  };
  let shownImage = trayImageName(parts.platform, state.unread);
  let tray: Tray;
  try {
    tray = new parts.Tray(image(shownImage));
  } catch (error) {
    parts.log(`no tray icon: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  // Windows: a click on the icon shows or hides the window (the menu is on the right click).
  tray.on('click', () => {
    actions.toggleWindow();
  });
  const update = (next: TrayState): void => {
    const name = trayImageName(parts.platform, next.unread);
    if (name !== shownImage) {
      tray.setImage(image(name));
      shownImage = name;
    }
    tray.setToolTip(trayTooltip(next.unread));
    if (parts.platform === 'darwin') tray.setTitle(menuBarTitle(next.unread));
    tray.setContextMenu(parts.Menu.buildFromTemplate(trayMenuTemplate(next, actions)));
  };
  update(state);
  return { update, destroy: () => { tray.destroy(); } };
}
