/**
 * Electron glue for windowState.ts: reads the profile's window-state.json against today's
 * displays, and writes it back as the user moves, resizes, maximizes and closes the window.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { BrowserWindow, Rectangle } from 'electron';
import { fitWindowState, parseWindowState, serializeWindowState, type Area, type WindowState } from './windowState.js';

export interface DisplaySource {
  getAllDisplays(): readonly { readonly id: number; readonly workArea: Area }[];
  getPrimaryDisplay(): { readonly id: number };
}

export type TrackedWindow = Pick<BrowserWindow, 'on' | 'isMaximized' | 'getNormalBounds' | 'isDestroyed'>;

/** How long the window must rest before its new bounds are written (a drag moves it hundreds of times). */
const SAVE_DELAY_MS = 500;

export function readWindowState(file: string, screen: DisplaySource): WindowState {
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = undefined; // first start, or a profile from before this file existed
  }
  const primaryId = screen.getPrimaryDisplay().id;
  const displays = [...screen.getAllDisplays()].sort((a, b) => Number(b.id === primaryId) - Number(a.id === primaryId));
  return fitWindowState(parseWindowState(text), displays.map((display) => display.workArea));
}

/** The BrowserWindow options that open a window in that state (then `maximize()` if it was). */
export function windowBounds(state: WindowState): Partial<Rectangle> {
  return { ...state.position, width: state.width, height: state.height };
}

export function rememberWindowState(window: TrackedWindow, file: string, log: (line: string) => void): void {
  let timer: NodeJS.Timeout | undefined;
  const save = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (window.isDestroyed()) return;
    // The normal bounds: a maximized window remembers where it goes when un-maximized.
    const { x, y, width, height } = window.getNormalBounds();
    const text = serializeWindowState({ position: { x, y }, width, height, maximized: window.isMaximized() });
    try {
      writeFileSync(`${file}.tmp`, text);
      renameSync(`${file}.tmp`, file);
    } catch (error) {
      log(`could not remember the window's size and position: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', save);
  window.on('unmaximize', save);
  window.on('close', save);
}
