/**
 * The layering rules of build/eslint, exercised through the real eslint.config.js: each
 * rule fires on a forbidden import from a file in its layer and stays quiet on the allowed
 * ones. Type information is switched off for speed (the layer rules are syntax-only), so a
 * rule removed from, or downgraded in, eslint.config.js makes these tests fail.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const layerRules = [
  'layers/no-electron-outside-shell',
  'layers/renderer-imports',
  'layers/adapter-imports',
  'layers/plugin-api-imports',
  'layers/bridge-imports',
  'layers/core-imports',
  'layers/shell-imports',
] as const;
type LayerRule = (typeof layerRules)[number];

interface Case {
  /** Virtual file path, relative to the repository root: it decides the layer. */
  readonly file: string;
  readonly code: string;
  /** The layer rules expected to fire, in order; empty when the import is allowed. */
  readonly expect: readonly LayerRule[];
}

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: repoRoot,
    overrideConfigFile: path.join(repoRoot, 'eslint.config.js'),
    overrideConfig: tseslint.configs.disableTypeChecked,
  });
});

async function layerFindings(file: string, code: string): Promise<{ ruleId: string; severity: number; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  if (!result) throw new Error(`no lint result for ${file}`);
  const fatal = result.messages.find((m) => m.fatal === true);
  if (fatal) throw new Error(`${file} did not parse: ${fatal.message}`);
  return result.messages
    .filter((m) => m.ruleId?.startsWith('layers/') === true)
    .map((m) => ({ ruleId: m.ruleId ?? '', severity: m.severity, message: m.message }));
}

function runCases(cases: readonly Case[]): void {
  it.each(cases.map((c) => [`${c.file}: ${c.code}`, c] as const))('%s', async (_name, c) => {
    const findings = await layerFindings(c.file, c.code);
    expect(findings.map((f) => f.ruleId)).toEqual(c.expect);
    for (const f of findings) expect(f.severity).toBe(2);
  });
}

describe('layers/no-electron-outside-shell', () => {
  runCases([
    { file: 'protocols/irc/x.ts', code: "import { app } from 'electron';\nexport const a = app;", expect: ['layers/no-electron-outside-shell'] },
    { file: 'protocols/api/x.ts', code: "import type { App } from 'electron';\nexport type A = App;", expect: ['layers/no-electron-outside-shell'] },
    { file: 'electron/core/x.ts', code: "export const e: unknown = require('electron');", expect: ['layers/no-electron-outside-shell'] },
    { file: 'electron/core/x.ts', code: "import electron = require('electron');\nexport default electron;", expect: ['layers/no-electron-outside-shell'] },
    { file: 'electron/bridge/x.ts', code: "export * from 'electron';", expect: ['layers/no-electron-outside-shell'] },
    { file: 'electron/bridge/x.ts', code: "export type Ipc = typeof import('electron').ipcMain;", expect: ['layers/no-electron-outside-shell'] },
    { file: 'renderer/x.tsx', code: "export const load = () => import('electron/renderer');", expect: ['layers/no-electron-outside-shell'] },
    { file: 'electron/core/x.test.ts', code: "import { app } from 'electron';\nexport const a = app;", expect: ['layers/no-electron-outside-shell'] },
    // Allowed: the shell, and tests under test/ (which may import anything).
    { file: 'electron/shell/x.ts', code: "import { app } from 'electron';\nexport const a = app;", expect: [] },
    { file: 'test/e2e/x.ts', code: "import { app } from 'electron';\nexport const a = app;", expect: [] },
  ]);
});

describe('layers/renderer-imports', () => {
  runCases([
    { file: 'renderer/x.tsx', code: "import fs from 'node:fs';\nexport const f = fs;", expect: ['layers/renderer-imports'] },
    { file: 'renderer/x.tsx', code: "import path from 'path';\nexport const p = path;", expect: ['layers/renderer-imports'] },
    { file: 'renderer/a/x.ts', code: "export const f: unknown = require('fs/promises');", expect: ['layers/renderer-imports'] },
    { file: 'renderer/x.ts', code: "export { spawn } from 'child_process';", expect: ['layers/renderer-imports'] },
    { file: 'renderer/x.ts', code: "export { createCore } from '../electron/core/createCore.js';", expect: ['layers/renderer-imports'] },
    { file: 'renderer/x.ts', code: "import { CHANNEL_FRAME } from '../electron/shell/ipcChannels.js';\nexport const c = CHANNEL_FRAME;", expect: ['layers/renderer-imports'] },
    { file: 'renderer/a/b/x.ts', code: "import type { ProtocolPlugin } from '../../../protocols/api/index.js';\nexport type P = ProtocolPlugin;", expect: ['layers/renderer-imports'] },
    { file: 'renderer/x.ts', code: "import Database from 'better-sqlite3';\nexport const d = Database;", expect: ['layers/renderer-imports'] },
    // Allowed: the bridge, its own files, browser npm packages; tests next to the code.
    {
      file: 'renderer/chat/x.tsx',
      code: "import { create } from 'zustand';\nimport { useState } from 'react';\nimport type { BridgeTransport } from '../../electron/bridge/client.js';\nimport { Tab } from './Tab.js';\nexport const all = [create, useState, Tab];\nexport type T = BridgeTransport;",
      expect: [],
    },
    { file: 'renderer/x.test.tsx', code: "import fs from 'node:fs';\nexport const f = fs;", expect: [] },
    { file: 'renderer/vite.config.ts', code: "import path from 'node:path';\nexport default { root: path.resolve('.') };", expect: [] },
  ]);
});

describe('layers/adapter-imports', () => {
  runCases([
    { file: 'protocols/irc/x.ts', code: "import { x } from '../xmpp/client.js';\nexport const y = x;", expect: ['layers/adapter-imports'] },
    { file: 'protocols/irc/x.ts', code: "export { openStore } from '../../electron/core/store/database.js';", expect: ['layers/adapter-imports'] },
    { file: 'protocols/matrix/x.ts', code: "export const m = () => import('../../electron/bridge/frames.js');", expect: ['layers/adapter-imports'] },
    { file: 'protocols/xmpp/deep/x.ts', code: "import '../../../renderer/main.js';", expect: ['layers/adapter-imports'] },
    // Allowed: the SDK, its own folder (from any depth), its library, Node.
    {
      file: 'protocols/irc/handlers/x.ts',
      code: "import { definePlugin } from '../../api/index.js';\nimport { split } from '../splitter.js';\nimport { parse } from './parse.js';\nimport { Client } from 'irc-framework';\nimport net from 'node:net';\nimport tls from 'tls';\nexport const all = [definePlugin, split, parse, Client, net, tls];",
      expect: [],
    },
  ]);
});

describe('layers/plugin-api-imports', () => {
  runCases([
    { file: 'protocols/api/x.ts', code: "import { Client } from 'irc-framework';\nexport const c = Client;", expect: ['layers/plugin-api-imports'] },
    // zod is the SDK's declared dependency (protocols/api/package.json).
    { file: 'protocols/api/x.ts', code: "import { z } from 'zod';\nexport const s = z;", expect: [] },
    { file: 'protocols/api/x.ts', code: "export * from '../irc/index.js';", expect: ['layers/plugin-api-imports'] },
    { file: 'protocols/api/x.ts', code: "import type { BridgeEvent } from '../../electron/bridge/contract.js';\nexport type E = BridgeEvent;", expect: ['layers/plugin-api-imports'] },
    { file: 'protocols/api/x.ts', code: "import type { Contact } from './model.js';\nexport type C = Contact;", expect: [] },
  ]);
});

describe('layers/bridge-imports', () => {
  runCases([
    { file: 'electron/bridge/x.ts', code: "import { readFile } from 'node:fs/promises';\nexport const r = readFile;", expect: ['layers/bridge-imports'] },
    { file: 'electron/bridge/x.ts', code: "import WebSocket from 'ws';\nexport const w = WebSocket;", expect: ['layers/bridge-imports'] },
    { file: 'electron/bridge/x.ts', code: "import type { BridgeSession } from '../core/bridge/bridgeSession.js';\nexport type S = BridgeSession;", expect: ['layers/bridge-imports'] },
    { file: 'electron/bridge/x.ts', code: "import type { Contact } from '../../protocols/api/index.js';\nexport type C = Contact;", expect: ['layers/bridge-imports'] },
    {
      file: 'electron/bridge/x.ts',
      code: "import { z } from 'zod';\nimport * as z4 from 'zod/v4';\nimport { requestFrameSchema } from './frames.js';\nexport const all = [z, z4, requestFrameSchema];",
      expect: [],
    },
  ]);
});

describe('layers/core-imports', () => {
  runCases([
    { file: 'electron/core/plugins/x.ts', code: "import plugin from '../../../protocols/irc/index.js';\nexport const p = plugin;", expect: ['layers/core-imports'] },
    { file: 'electron/core/x.ts', code: "import { App } from '../../renderer/App.js';\nexport const a = App;", expect: ['layers/core-imports'] },
    { file: 'electron/core/x.ts', code: "export { CHANNEL_FRAME } from '../shell/ipcChannels.js';", expect: ['layers/core-imports'] },
    {
      file: 'electron/core/plugins/x.ts',
      code: "import type { ProtocolPlugin } from '../../../protocols/api/index.js';\nimport type { ServerFrame } from '../../bridge/frames.js';\nimport { Worker } from 'node:worker_threads';\nimport Database from 'better-sqlite3';\nimport { migrate } from '../store/migrator.js';\nexport const load = (entry: string): Promise<unknown> => import(entry);\nexport const all = [Worker, Database, migrate];\nexport type T = [ProtocolPlugin, ServerFrame];",
      expect: [],
    },
  ]);
});

describe('layers/shell-imports', () => {
  runCases([
    { file: 'electron/shell/x.ts', code: "import '../../renderer/main.js';", expect: ['layers/shell-imports'] },
    { file: 'electron/shell/x.ts', code: "import plugin from '../../protocols/irc/index.js';\nexport const p = plugin;", expect: ['layers/shell-imports'] },
    {
      file: 'electron/shell/x.ts',
      code: "import { app } from 'electron';\nimport path from 'node:path';\nimport { distLayout } from '../core/hostLayout.js';\nimport { answerSecretsRequest } from '../core/process/secretsChannel.js';\nimport type { ServerFrame } from '../bridge/frames.js';\nexport const all = [app, path, distLayout, answerSecretsRequest];\nexport type F = ServerFrame;",
      expect: [],
    },
    // No SQL and no core service in the main process: the core runs in its own process.
    { file: 'electron/shell/x.ts', code: "import Database from 'better-sqlite3';\nexport const d = Database;", expect: ['layers/shell-imports'] },
    { file: 'electron/shell/x.ts', code: "import { createCore } from '../core/createCore.js';\nexport const c = createCore;", expect: ['layers/shell-imports'] },
    { file: 'electron/shell/x.ts', code: "import type { MessagesRepository } from '../core/store/messagesRepository.js';\nexport type M = MessagesRepository;", expect: ['layers/shell-imports'] },
    { file: 'electron/shell/x.ts', code: "export { AccountManager } from '../core/accounts/accountManager.js';", expect: ['layers/shell-imports'] },
    { file: 'electron/shell/x.ts', code: "export const load = () => import('../core/process/coreProcess.js');", expect: ['layers/shell-imports'] },
  ]);
});

describe('messages and configuration', () => {
  it('says which layer may import what', async () => {
    const [finding] = await layerFindings('electron/core/x.ts', "import { app } from 'electron';\nexport const a = app;");
    expect(finding?.message).toContain('only electron/shell/ may import');
    const [adapter] = await layerFindings('electron/core/x.ts', "import p from '../../protocols/xmpp/index.js';\nexport const q = p;");
    expect(adapter?.message).toContain('the plugin host loads them by path at run time');
  });

  const rulesByFile: readonly (readonly [string, readonly LayerRule[]])[] = [
    ['protocols/irc/index.ts', ['layers/no-electron-outside-shell', 'layers/adapter-imports']],
    ['protocols/api/index.ts', ['layers/no-electron-outside-shell', 'layers/plugin-api-imports']],
    ['electron/core/index.ts', ['layers/no-electron-outside-shell', 'layers/core-imports']],
    ['electron/bridge/index.ts', ['layers/no-electron-outside-shell', 'layers/bridge-imports']],
    ['renderer/main.tsx', ['layers/no-electron-outside-shell', 'layers/renderer-imports']],
    ['electron/shell/main.ts', ['layers/shell-imports']],
  ];

  it('covers every layer rule', () => {
    expect(new Set(rulesByFile.flatMap(([, rules]) => rules))).toEqual(new Set(layerRules));
  });

  it.each(rulesByFile)('eslint.config.js turns the layer rules on as errors for %s', async (file, rules) => {
    const config = (await eslint.calculateConfigForFile(path.join(repoRoot, file))) as { rules?: Record<string, unknown> };
    for (const rule of rules) {
      const setting = config.rules?.[rule];
      const severity = Array.isArray(setting) ? (setting as unknown[])[0] : setting;
      expect([2, 'error'], `${rule} in ${file}`).toContain(severity);
    }
  });

  it('uses the type-aware strict config with no-explicit-any and no-non-null-assertion as errors', async () => {
    const real = new ESLint({ cwd: repoRoot, overrideConfigFile: path.join(repoRoot, 'eslint.config.js') });
    const config = (await real.calculateConfigForFile(path.join(repoRoot, 'electron/core/index.ts'))) as {
      rules?: Record<string, unknown>;
      languageOptions?: { parserOptions?: { projectService?: unknown } };
    };
    expect(config.languageOptions?.parserOptions?.projectService).toBe(true);
    for (const rule of ['@typescript-eslint/no-explicit-any', '@typescript-eslint/no-non-null-assertion', '@typescript-eslint/no-unsafe-assignment']) {
      const setting = config.rules?.[rule];
      expect([2, 'error'], rule).toContain(Array.isArray(setting) ? (setting as unknown[])[0] : setting);
    }
  });
});
