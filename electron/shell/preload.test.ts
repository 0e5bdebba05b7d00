/** preload.ts against a stand-in `electron`: it exposes one object and nothing of Electron. */
import { describe, expect, it, vi } from 'vitest';

const h = vi.hoisted(() => ({
  exposed: [] as [string, unknown][],
  ipcRenderer: { send: vi.fn(), on: vi.fn(), invoke: vi.fn(), sendSync: vi.fn() },
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => h.exposed.push([name, api]) },
  ipcRenderer: h.ipcRenderer,
}));

describe('preload', () => {
  it('exposes exactly window.switchboard = { send, onFrame, onClose }', async () => {
    await import('./preload.js');
    expect(h.exposed).toHaveLength(1);
    const [entry] = h.exposed;
    expect(entry?.[0]).toBe('switchboard');
    const api = entry?.[1];
    expect(typeof api === 'object' && api !== null ? Object.keys(api).sort() : []).toEqual(['onClose', 'onFrame', 'send']);
    expect(Object.values(api ?? {})).not.toContain(h.ipcRenderer);
    expect(Object.values(api ?? {}).every((value) => typeof value === 'function')).toBe(true);
  });
});
