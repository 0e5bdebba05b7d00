/**
 * Finds the texts a view would show that are written in its source rather than taken from
 * the catalogue: JSX text, and string or template literals given to attributes a user reads
 * or hears (aria-label, title, placeholder, alt, label…) or placed as a JSX child (`{'…'}`,
 * either branch of `{a ? '…' : '…'}`). Parsed with the TypeScript compiler API, so comments
 * and code never count. Texts without a letter ("×", "·", "…") are symbols, not words.
 */
import ts from 'typescript';

const SPOKEN_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label']);
const LETTER = /\p{L}/u;

export interface ViewLiteral {
  readonly line: number;
  readonly text: string;
}

/** Names that are the same in every language. */
const UNTRANSLATED = new Set(['Switchboard']);

function isWords(text: string): boolean {
  const trimmed = text.trim();
  return LETTER.test(trimmed) && !UNTRANSLATED.has(trimmed);
}

function literalTexts(expression: ts.Expression): string[] {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return [expression.text];
  if (ts.isTemplateExpression(expression)) return [expression.head.text, ...expression.templateSpans.map((span) => span.literal.text)];
  if (ts.isParenthesizedExpression(expression)) return literalTexts(expression.expression);
  if (ts.isConditionalExpression(expression)) return [...literalTexts(expression.whenTrue), ...literalTexts(expression.whenFalse)];
  if (ts.isBinaryExpression(expression) && (expression.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken
    || expression.operatorToken.kind === ts.SyntaxKind.BarBarToken || expression.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    return literalTexts(expression.right);
  }
  return [];
}

export function findViewLiterals(fileName: string, source: string): ViewLiteral[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: ViewLiteral[] = [];
  const add = (node: ts.Node, text: string): void => {
    if (isWords(text)) found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text: text.trim() });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) add(node, node.text);
    else if (ts.isJsxAttribute(node) && SPOKEN_ATTRIBUTES.has(node.name.getText(file)) && node.initializer) {
      if (ts.isStringLiteral(node.initializer)) add(node, node.initializer.text);
      else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) {
        for (const text of literalTexts(node.initializer.expression)) add(node, text);
      }
    } else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const text of literalTexts(node.expression)) add(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
