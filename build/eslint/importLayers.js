/**
 * Shared machinery of the layering rules: which layer a file belongs to, what an import
 * specifier points at (resolved against the importing file), and one visitor that sees
 * every way a module can be pulled in (import, export … from, import(), require(),
 * `import x = require()`, `typeof import()` types).
 *
 * The layers and what each may import are DESIGN.md's "Layout" table.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: layer paths are relative to it, wherever eslint is started. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const nodeBuiltins = new Set(builtinModules);

/**
 * @typedef {{ name: 'shell' | 'core' | 'bridge' | 'renderer' | 'api' | 'adapter' | 'protocols' | 'test' | 'build' | 'other' | 'outside', adapter?: string, dir: string }} Layer
 */

/**
 * The layer of a repository-relative POSIX path.
 * @param {string} rel
 * @returns {Layer}
 */
export function layerOfPath(rel) {
  if (rel === '..' || rel.startsWith('../') || path.posix.isAbsolute(rel)) return { name: 'outside', dir: '' };
  const parts = rel.split('/');
  const [top, second] = parts;
  if (top === 'electron' && parts.length > 2) {
    if (second === 'shell') return { name: 'shell', dir: 'electron/shell/' };
    if (second === 'core') return { name: 'core', dir: 'electron/core/' };
    if (second === 'bridge') return { name: 'bridge', dir: 'electron/bridge/' };
  }
  if (top === 'renderer' && parts.length > 1) return { name: 'renderer', dir: 'renderer/' };
  if (top === 'protocols' && parts.length > 2 && second !== undefined) {
    if (second === 'api') return { name: 'api', dir: 'protocols/api/' };
    return { name: 'adapter', adapter: second, dir: `protocols/${second}/` };
  }
  if (top === 'protocols' && parts.length > 1) return { name: 'protocols', dir: 'protocols/' };
  if (top === 'test' && parts.length > 1) return { name: 'test', dir: 'test/' };
  if (top === 'build' && parts.length > 1) return { name: 'build', dir: 'build/' };
  return { name: 'other', dir: '' };
}

/**
 * The repository-relative POSIX path of a file eslint is linting.
 * @param {string} filename absolute, as eslint reports it
 */
export function repoRelative(filename) {
  return path.relative(repoRoot, filename).split(path.sep).join('/');
}

/** @param {import('eslint').Rule.RuleContext} context */
export function layerOfFile(context) {
  return layerOfPath(repoRelative(context.filename));
}

/**
 * @typedef {{ kind: 'ours', path: string, layer: Layer }
 *   | { kind: 'node', name: string }
 *   | { kind: 'electron' }
 *   | { kind: 'package', name: string }} Target
 */

/**
 * What a specifier written in `fromFile` points at.
 * @param {string} specifier
 * @param {string} fromFile absolute path of the importing file
 * @returns {Target}
 */
export function resolveSpecifier(specifier, fromFile) {
  if (specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../') || path.isAbsolute(specifier)) {
    const rel = repoRelative(path.resolve(path.dirname(fromFile), specifier));
    return { kind: 'ours', path: rel, layer: layerOfPath(rel) };
  }
  if (specifier.startsWith('node:')) return { kind: 'node', name: specifier };
  const packageName = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier);
  if (packageName === 'electron') return { kind: 'electron' };
  if (nodeBuiltins.has(specifier) || nodeBuiltins.has(packageName)) return { kind: 'node', name: specifier };
  return { kind: 'package', name: packageName };
}

/** A short human description of a target, for messages. */
export function describeTarget(/** @type {Target} */ target) {
  switch (target.kind) {
    case 'node':
      return 'a Node built-in';
    case 'electron':
      return 'Electron';
    case 'package':
      return `the npm package '${target.name}'`;
    case 'ours':
      return target.layer.name === 'outside' ? 'outside the repository' : `'${target.path}' (${target.layer.dir === '' ? 'repository root' : target.layer.dir})`;
  }
  return 'unknown';
}

/**
 * @param {import('estree').Node | null | undefined} node
 * @returns {string | undefined} the module name if it is written as a constant string
 */
function constantString(node) {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/**
 * A visitor calling `check(specifier, node)` for every module reference in the file.
 * Specifiers that are not constant strings (a plugin path computed at run time) are not
 * imports of a layer and are skipped.
 * @param {(specifier: string, node: import('estree').Node) => void} check
 * @returns {import('eslint').Rule.RuleListener}
 */
export function importVisitor(check) {
  /** @param {import('estree').Node | null | undefined} source */
  const visit = (source) => {
    const spec = constantString(source);
    if (spec !== undefined && source) check(spec, source);
  };
  return {
    ImportDeclaration: (node) => visit(node.source),
    ExportNamedDeclaration: (node) => visit(node.source),
    ExportAllDeclaration: (node) => visit(node.source),
    ImportExpression: (node) => visit(node.source),
    CallExpression: (node) => {
      if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length >= 1) {
        const [first] = node.arguments;
        if (first && first.type !== 'SpreadElement') visit(first);
      }
    },
    // TypeScript-only forms, reached through the typescript-eslint parser.
    /** @param {any} node */
    TSImportEqualsDeclaration: (node) => {
      if (node.moduleReference?.type === 'TSExternalModuleReference') visit(node.moduleReference.expression);
    },
    /** @param {any} node */
    TSImportType: (node) => {
      // typescript-eslint 8.x names the string `source`; older versions wrapped it in `argument`.
      if (node.source !== undefined) {
        visit(node.source);
        return;
      }
      const arg = node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument;
      visit(arg);
    },
  };
}

/**
 * The common shape of a layering rule: `decide` returns a message id (plus data) for a
 * forbidden target, or undefined when the import is allowed.
 * @param {{ description: string, messages: Record<string, string>, appliesTo: (layer: Layer) => boolean, decide: (target: Target, layer: Layer, specifier: string) => { messageId: string, data?: Record<string, string> } | undefined }} spec
 * @returns {import('eslint').Rule.RuleModule}
 */
export function layerRule(spec) {
  return {
    meta: {
      type: 'problem',
      docs: { description: spec.description },
      messages: spec.messages,
      schema: [],
    },
    create(context) {
      const layer = layerOfFile(context);
      if (!spec.appliesTo(layer)) return {};
      return importVisitor((specifier, node) => {
        const target = resolveSpecifier(specifier, context.filename);
        const verdict = spec.decide(target, layer, specifier);
        if (verdict) {
          context.report({ node, messageId: verdict.messageId, data: { specifier, target: describeTarget(target), ...verdict.data } });
        }
      });
    },
  };
}

/** True if `target` is a file of ours inside `dir` (a layer dir ending in '/'). */
export function isInside(/** @type {Target} */ target, /** @type {string} */ dir) {
  return target.kind === 'ours' && (target.path + '/').startsWith(dir);
}
