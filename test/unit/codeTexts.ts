/**
 * Finds the texts the UI's code would show that are written in its source rather than taken
 * from the catalogue: string and template literals outside JSX that read as words (two words,
 * one capitalised word, or a word glued to a value: "logged in as …", "Online", "Not sent: …"), in renderer/state and
 * in the views' code (a title computed before the JSX, an error handed to setError). What is
 * compared, switched on, logged to the console, a module path, a type, an object key or a
 * non-spoken JSX attribute (className…) is code, not text. Parsed with the TypeScript compiler
 * API, so comments never count.
 */
import ts from 'typescript';
import type { ViewLiteral } from './viewLiterals.js';

/** Words a user may read that are names, the same in every language. */
const NAMES = new Set(['Switchboard', 'Matrix', 'IRC', 'XMPP']);
/** Names of keys (KeyboardEvent.code) and of a drag's data type: code, though they look like words. */
const KEY_NAMES = new Set(['Space', 'Escape', 'Enter', 'Tab', 'Home', 'End', 'Files']);
const SPOKEN_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label']);
const TWO_WORDS = /\p{L}\s+\p{L}/u;
const CAPITALISED_WORD = /^\p{Lu}\p{Ll}+\W*$/u;
/** A word glued to what is put beside it: `${a} and ${b}`, `sent ${file}`. */
const FRAGMENT = /^\s+\p{L}|\p{L}\s+$/u;
const COMPARISONS = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

function readsAsWords(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '' || NAMES.has(trimmed) || KEY_NAMES.has(trimmed)) return false;
  return TWO_WORDS.test(trimmed) || CAPITALISED_WORD.test(trimmed) || FRAGMENT.test(text);
}

/** A place where a literal is code: its value is compared, keyed, imported, typed or logged, never shown. */
function isCodePlace(node: ts.Node, file: ts.SourceFile): boolean {
  // Inside an object or a function given to an attribute (accessibility={{ announcements }}), a text is a text again.
  let nested = false;
  for (let child = node, parent = node.parent; ; child = parent, parent = parent.parent) {
    if (ts.isObjectLiteralExpression(parent) || ts.isArrowFunction(parent) || ts.isFunctionExpression(parent)) nested = true;
    if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isImportTypeNode(parent) || ts.isLiteralTypeNode(parent)) return true;
    if (ts.isExternalModuleReference(parent) || ts.isCaseClause(parent)) return true;
    if (ts.isBinaryExpression(parent) && COMPARISONS.has(parent.operatorToken.kind)) return true;
    if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isEnumMember(parent)) && parent.name === child) return true;
    if (ts.isElementAccessExpression(parent) && parent.argumentExpression === child) return true;
    if (ts.isJsxAttribute(parent)) return !nested && !SPOKEN_ATTRIBUTES.has(parent.name.getText(file));
    if (ts.isCallExpression(parent)) {
      const callee = parent.expression.getText(file);
      // Logged, matched against the page or against data (a drag's "Files" type): code.
      return callee.startsWith('console.') || /(^|\.)(matchMedia|querySelector|querySelectorAll|closest|includes|has|getData|setData)$/.test(callee);
    }
    if (ts.isStatement(parent) || ts.isSourceFile(parent) || ts.isJsxElement(parent) || ts.isJsxSelfClosingElement(parent)) return false;
  }
}

export function findCodeTexts(fileName: string, source: string): ViewLiteral[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: ViewLiteral[] = [];
  const add = (node: ts.Node, text: string): void => {
    if (readsAsWords(text) && !isCodePlace(node, file)) found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text: text.trim() });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) add(node, node.text);
    else if (ts.isTemplateExpression(node)) {
      for (const text of [node.head.text, ...node.templateSpans.map((span) => span.literal.text)]) add(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
