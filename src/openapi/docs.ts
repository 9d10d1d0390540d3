/**
 * Reads the TSDoc of src/schemas/ so the document's descriptions, defaults and examples are the
 * ones the SDK's types carry: zod/mini schemas hold no descriptions at run time, their docs live
 * in comments, and copying them into a table here would let the two drift.
 * @module
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** The docs of one property (and of the object properties below it). */
export interface DocNode {
  description?: string;
  default?: unknown;
  /** A `@default` that is prose, not a value: appended to the description. */
  defaultText?: string;
  examples?: unknown[];
  children: Map<string, DocNode>;
}

/** The docs of one exported schema or type: its own text and its properties'. */
export interface SchemaDocs {
  description?: string;
  examples?: unknown[];
  props: Map<string, DocNode>;
}

/** Everything read from the schema sources, by exported name (`MessageSchema`, `Message`, `List`). */
export type DocIndex = Map<string, SchemaDocs>;

/** Reads every `.ts` file of `dir` (src/schemas), then the `extra` files (the webhook event types). */
export function readSchemaDocs(dir: string, extra: readonly string[] = []): DocIndex {
  const index: DocIndex = new Map();
  const files = [
    ...readdirSync(dir)
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map((name) => join(dir, name)),
    ...extra,
  ];
  const sources = files.map((file) =>
    ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true),
  );
  // Two passes: z.extend(Base, …) needs Base's docs, which may sit in another file.
  const pending: (() => void)[] = [];
  for (const source of sources) {
    const locals = new Map<string, ts.Expression>();
    for (const statement of source.statements) {
      if (ts.isVariableStatement(statement)) {
        for (const decl of statement.declarationList.declarations) {
          if (ts.isIdentifier(decl.name) && decl.initializer) locals.set(decl.name.text, decl.initializer);
        }
      }
    }
    for (const statement of source.statements) {
      if (ts.isVariableStatement(statement) && isExported(statement)) {
        for (const decl of statement.declarationList.declarations) {
          if (!ts.isIdentifier(decl.name) || !decl.initializer) continue;
          const name = decl.name.text;
          const init = decl.initializer;
          pending.push(() => index.set(name, { ...ownDocs(statement), props: collect(init, locals, index) }));
        }
      } else if (
        (ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) &&
        isExported(statement)
      ) {
        const props = new Map<string, DocNode>();
        if (ts.isInterfaceDeclaration(statement)) {
          for (const member of statement.members) {
            if (ts.isPropertySignature(member) && member.name && ts.isIdentifier(member.name)) {
              props.set(member.name.text, { ...ownDocs(member), children: new Map() });
            }
          }
        }
        index.set(statement.name.text, { ...ownDocs(statement), props });
      }
    }
  }
  // Bases first: a schema extended elsewhere is defined before it is extended, in source order.
  for (const run of pending) run();
  return index;
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Property docs of a schema expression: object literals inside z.object/z.strictObject/z.union/wrappers. */
function collect(
  expr: ts.Expression,
  locals: Map<string, ts.Expression>,
  index: DocIndex,
  depth = 0,
): Map<string, DocNode> {
  const props = new Map<string, DocNode>();
  if (depth > 8) return props;
  const merge = (more: Map<string, DocNode>) => {
    for (const [key, node] of more) if (!props.has(key)) props.set(key, node);
  };
  if (ts.isObjectLiteralExpression(expr)) {
    for (const prop of expr.properties) {
      if (!(ts.isPropertyAssignment(prop) || ts.isShorthandPropertyAssignment(prop))) continue;
      if (!prop.name || !(ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))) continue;
      const value = ts.isPropertyAssignment(prop) ? prop.initializer : prop.name;
      props.set(prop.name.text, { ...ownDocs(prop), children: collect(value, locals, index, depth + 1) });
    }
  } else if (ts.isCallExpression(expr)) {
    const callee = expr.expression.getText();
    if (callee === 'z.extend' && expr.arguments[0] && ts.isIdentifier(expr.arguments[0])) {
      const base = index.get(expr.arguments[0].text)?.props;
      if (expr.arguments[1]) merge(collect(expr.arguments[1], locals, index, depth + 1));
      if (base) merge(base);
    } else {
      for (const arg of expr.arguments) merge(collect(arg, locals, index, depth + 1));
      // z.object({…}).check(…): the object is in the callee.
      if (ts.isPropertyAccessExpression(expr.expression))
        merge(collect(expr.expression.expression, locals, index, depth + 1));
    }
  } else if (ts.isArrayLiteralExpression(expr)) {
    for (const element of expr.elements) merge(collect(element, locals, index, depth + 1));
  } else if (ts.isIdentifier(expr) && locals.has(expr.text) && !expr.text.endsWith('Schema')) {
    // A module-private building block such as `const body = z.string()…` (exported schemas become $refs).
    merge(collect(locals.get(expr.text)!, locals, index, depth + 1));
  }
  return props;
}

function ownDocs(node: ts.Node): Omit<DocNode, 'children'> {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const doc = docs.at(-1);
  if (!doc) return {};
  const out: Omit<DocNode, 'children'> = {};
  const text = clean(ts.getTextOfJSDocComment(doc.comment) ?? '');
  if (text) out.description = text;
  for (const tag of doc.tags ?? []) {
    const body = (ts.getTextOfJSDocComment(tag.comment) ?? '').trim();
    if (tag.tagName.text === 'default') {
      const value = literal(body);
      if (value.ok) out.default = value.value;
      else out.defaultText = clean(body);
    } else if (tag.tagName.text === 'example') {
      const value = literal(body);
      if (value.ok) (out.examples ??= []).push(value.value);
    }
  }
  return out;
}

/** TSDoc prose as plain text: `{@link X}` becomes `X`, lines joined into paragraphs. */
export function clean(text: string): string {
  return text
    .replace(/\{@link\s+([^}|\s]+)\s*(?:\|\s*([^}]+))?\}/g, (_, target: string, label?: string) => label ?? target)
    .replace(/[ \t]*\n[ \t]*(?!\n|- )/g, ' ')
    .trim();
}

/** A JS literal (`'a'`, `{ to: '+44…' }`, `[1]`) as a value, read with TypeScript's parser, never evaluated. */
function literal(text: string): { ok: true; value: unknown } | { ok: false } {
  const source = ts.createSourceFile('x.ts', `(${text.replace(/^```\w*\n?|```$/g, '')})`, ts.ScriptTarget.ES2022);
  const statement = source.statements[0];
  if (source.statements.length !== 1 || !statement || !ts.isExpressionStatement(statement)) return { ok: false };
  try {
    return { ok: true, value: valueOf(statement.expression) };
  } catch {
    return { ok: false };
  }
}

function valueOf(node: ts.Expression): unknown {
  if (ts.isParenthesizedExpression(node)) return valueOf(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text.replace(/_/g, ''));
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken)
    return -Number(valueOf(node.operand));
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((e) => valueOf(e));
  if (ts.isObjectLiteralExpression(node)) {
    const out: Record<string, unknown> = {};
    for (const prop of node.properties) {
      if (!ts.isPropertyAssignment(prop) || !(ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))) {
        throw new Error('not a literal');
      }
      out[prop.name.text] = valueOf(prop.initializer);
    }
    return out;
  }
  throw new Error('not a literal');
}
