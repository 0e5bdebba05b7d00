import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_WINDOW_STATE, fitWindowState, parseWindowState, serializeWindowState } from './windowState.js';
import { readWindowState, rememberWindowState, windowBounds, type TrackedWindow } from './windowStateFile.js';

const laptop = { x: 0, y: 0, width: 1440, height: 870 };
const monitorRight = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('fitting a remembered window onto the displays there are now', () => {
  it('keeps a window that is on a display as it was', () => {
    const saved = { position: { x: 1600, y: 100 }, width: 1300, height: 900, maximized: true };
    expect(fitWindowState(saved, [laptop, monitorRight])).toEqual(saved);
  });

  it('moves a window from a monitor that is gone onto the primary display, centred and shrunk to fit', () => {
    const saved = { position: { x: 1600, y: 100 }, width: 1800, height: 1000, maximized: false };
    expect(fitWindowState(saved, [laptop])).toEqual({ position: { x: 0, y: 0 }, width: 1440, height: 870, maximized: false });
    const small = { position: { x: 1600, y: 100 }, width: 1000, height: 600, maximized: false };
    expect(fitWindowState(small, [laptop])).toEqual({ position: { x: 220, y: 135 }, width: 1000, height: 600, maximized: false });
  });

  it('pulls back a window whose title bar is above the screen or hangs off its edge', () => {
    expect(fitWindowState({ position: { x: 100, y: -20 }, width: 800, height: 600, maximized: false }, [laptop]).position).toEqual({ x: 100, y: 0 });
    // Enough of the title bar on the laptop to grab: it stays on the laptop, moved fully onto it.
    expect(fitWindowState({ position: { x: 1200, y: 50 }, width: 800, height: 600, maximized: false }, [laptop]).position).toEqual({ x: 640, y: 50 });
    // Only 40 px of it on screen: too little to grab, so it is centred.
    expect(fitWindowState({ position: { x: 1400, y: 50 }, width: 800, height: 600, maximized: false }, [laptop]).position).toEqual({ x: 320, y: 135 });
  });

  it('chooses the display that holds most of the title bar', () => {
    const across = { position: { x: 1000, y: 10 }, width: 1200, height: 700, maximized: false };
    expect(fitWindowState(across, [laptop, monitorRight]).position).toEqual({ x: 1440, y: 10 });
  });

  it('lets the system place a window with no remembered position, never smaller than the minimum', () => {
    expect(fitWindowState(DEFAULT_WINDOW_STATE, [laptop])).toEqual({ width: 1200, height: 800, maximized: false });
    expect(fitWindowState({ width: 100, height: 50, maximized: false }, [laptop])).toEqual({ width: 640, height: 400, maximized: false });
  });
});

describe('the remembered state in the profile', () => {
  it('reads back what it wrote, and the default from a missing, broken or foreign file', () => {
    const state = { position: { x: -1200, y: 40 }, width: 1000, height: 700, maximized: true };
    expect(parseWindowState(serializeWindowState(state))).toEqual(state);
    expect(parseWindowState(undefined)).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('{"width": 1000')).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('{"width": "wide", "height": 700, "maximized": false}')).toEqual(DEFAULT_WINDOW_STATE);
  });
});

describe('window-state.json with a stand-in window and screen', () => {
  let dir = '';
  let file = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-window-state-'));
    file = join(dir, 'window-state.json');
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  const screen = (areas: typeof laptop[], primary = 0) => ({
    getAllDisplays: () => areas.map((workArea, id) => ({ id, workArea })),
    getPrimaryDisplay: () => ({ id: primary }),
  });

  function standInWindow() {
    const handlers = new Map<string, () => void>();
    const window = {
      bounds: { x: 10, y: 20, width: 900, height: 650 },
      maximized: false,
      on: (name: string, handler: () => void) => handlers.set(name, handler),
      isMaximized: () => window.maximized,
      getNormalBounds: () => window.bounds,
      isDestroyed: () => false,
    };
    const emit = (name: string): void => handlers.get(name)?.();
    return { window, emit, tracked: window as unknown as TrackedWindow };
  }

  it('writes the bounds once the window rests, the maximized state at once, and the next start opens there', () => {
    vi.useFakeTimers();
    const { window, emit, tracked } = standInWindow();
    rememberWindowState(tracked, file, () => undefined);
    window.bounds = { x: 1500, y: 60, width: 1000, height: 700 };
    emit('move');
    emit('resize');
    expect(() => readFileSync(file)).toThrow();
    vi.advanceTimersByTime(600);
    expect(readWindowState(file, screen([laptop, monitorRight]))).toEqual({ position: { x: 1500, y: 60 }, width: 1000, height: 700, maximized: false });
    window.maximized = true;
    emit('maximize');
    expect(readWindowState(file, screen([laptop, monitorRight])).maximized).toBe(true);
    // The monitor is unplugged: the window opens on the laptop.
    const onLaptop = readWindowState(file, screen([laptop]));
    expect(onLaptop.position).toEqual({ x: 220, y: 85 });
    expect(windowBounds(onLaptop)).toEqual({ x: 220, y: 85, width: 1000, height: 700 });
  });

  it('puts the primary display first, whatever order the system lists them in', () => {
    writeFileSync(file, serializeWindowState({ position: { x: 5000, y: 5000 }, width: 800, height: 600, maximized: false }));
    expect(readWindowState(file, screen([laptop, monitorRight], 1)).position).toEqual({ x: 1440 + 880, y: 400 });
  });

  it('says in words when the file cannot be written, and the app goes on', () => {
    const { emit, tracked } = standInWindow();
    const log: string[] = [];
    rememberWindowState(tracked, join(dir, 'missing-folder', 'window-state.json'), (line) => log.push(line));
    emit('close');
    expect(log).toEqual([expect.stringMatching(/^could not remember the window's size and position: /) as unknown]);
  });
});
