/**
 * The main window's size, position and maximized state as remembered in the profile, and
 * the correction that keeps it reachable: a window saved on a monitor that is gone, or on
 * a screen that got smaller, is moved and shrunk onto a display that exists now (Electron:
 * `screen.getAllDisplays()`, each display's work area, i.e. without task bars and docks).
 */
import { z } from 'zod';

export interface Area {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  /** Absent: let the system place the window (centred). */
  readonly position?: { readonly x: number; readonly y: number };
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1200, height: 800, maximized: false };
export const MIN_WINDOW_SIZE = { width: 640, height: 400 } as const;

/** How much of the window's top edge (its title bar) must lie on a display for the user to grab it. */
const GRAB = { width: 100, height: 32 } as const;

const storedSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});

/** The state from the profile's file; anything unreadable is the default (the window just opens centred). */
export function parseWindowState(text: string | undefined): WindowState {
  if (text === undefined) return DEFAULT_WINDOW_STATE;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
  const parsed = storedSchema.safeParse(json);
  if (!parsed.success) return DEFAULT_WINDOW_STATE;
  const { x, y, width, height, maximized } = parsed.data;
  return { ...(x !== undefined && y !== undefined ? { position: { x, y } } : {}), width, height, maximized };
}

export function serializeWindowState(state: WindowState): string {
  return `${JSON.stringify({ ...state.position, width: state.width, height: state.height, maximized: state.maximized })}\n`;
}

function overlap(a: Area, b: Area): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

/**
 * The state to open the window with on the displays there are now (the primary first):
 * no larger than the display's work area, and with its title bar on a display; a window
 * whose title bar is on no display moves to the primary display, centred.
 */
export function fitWindowState(saved: WindowState, workAreas: readonly Area[]): WindowState {
  const primary = workAreas[0];
  if (primary === undefined) return saved;
  const position = saved.position;
  const titleBar = position ? { x: position.x, y: position.y, width: saved.width, height: GRAB.height } : undefined;
  const home = titleBar === undefined ? undefined : workAreas
    .map((area) => ({ area, shared: overlap(titleBar, area) }))
    .filter(({ shared }) => shared >= GRAB.width * GRAB.height)
    .sort((a, b) => b.shared - a.shared)[0]?.area;
  const area = home ?? primary;
  const width = clamp(saved.width, Math.min(MIN_WINDOW_SIZE.width, area.width), area.width);
  const height = clamp(saved.height, Math.min(MIN_WINDOW_SIZE.height, area.height), area.height);
  if (!position || !home) {
    return {
      ...(position ? { position: { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2) } } : {}),
      width, height, maximized: saved.maximized,
    };
  }
  return {
    position: {
      x: clamp(position.x, area.x, area.x + area.width - width),
      y: clamp(position.y, area.y, area.y + area.height - height),
    },
    width, height, maximized: saved.maximized,
  };
}
