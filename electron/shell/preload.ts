/**
 * The preload of the main window, bundled to CommonJS by the build (a sandboxed preload
 * cannot load ES modules or npm packages). It exposes exactly one object,
 * `window.switchboard` (see preloadApi.ts), and nothing of Electron.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { PRELOAD_GLOBAL_NAME } from './preloadApi.js';
import { createPreloadApi } from './preloadBridge.js';

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL_NAME, createPreloadApi(ipcRenderer));
