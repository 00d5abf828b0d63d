import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * Checks wire JSON against the `stripe` package's own type definitions, using the TypeScript
 * checker: every declared non-optional field must be present, no undeclared field may appear,
 * and primitive types, nullability and string-literal enums must fit. This is the emulator's
 * "schema generated from the SDK types", without a generation step.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(here, '__sdk-types.ts');

let checker: ts.TypeChecker | null = null;
const types = new Map<string, ts.Type>();

function load(names: string[]): void {
  const source = `import type Stripe from 'stripe';\n${names.map((n) => `export type T_${n.replace(/\./g, '_')} = Stripe.${n};`).join('\n')}\n`;
  const host = ts.createCompilerHost({});
  const original = host.readFile.bind(host);
  host.readFile = (f) => (path.resolve(f) === entry ? source : original(f));
  const exists = host.fileExists.bind(host);
  host.fileExists = (f) => path.resolve(f) === entry || exists(f);
  const program = ts.createProgram([entry], { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, types: [] }, host);
  checker = program.getTypeChecker();
  const sf = program.getSourceFile(entry)!;
  for (const stmt of sf.statements) if (ts.isTypeAliasDeclaration(stmt)) types.set(stmt.name.text.slice(2), checker.getTypeAtLocation(stmt.name));
}

function isNullish(t: ts.Type): boolean {
  return (t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)) !== 0;
}

function check(value: unknown, type: ts.Type, at: string, errors: string[], depth = 0): void {
  const c = checker!;
  if (depth > 12) return;
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
  if (type.isUnion()) {
    if (value === null || value === undefined) {
      if (!type.types.some(isNullish)) errors.push(`${at}: null but not nullable`);
      return;
    }
    let best: string[] | null = null;
    for (const member of type.types) {
      if (isNullish(member)) continue;
      const errs: string[] = [];
      check(value, member, at, errs, depth + 1);
      if (errs.length === 0) return;
      if (!best || errs.length < best.length) best = errs;
    }
    errors.push(...(best ?? [`${at}: no union member matched`]));
    return;
  }
  if (value === null || value === undefined) {
    if (!isNullish(type)) errors.push(`${at}: null but not nullable`);
    return;
  }
  const symbolName = type.getSymbol()?.getName() ?? type.aliasSymbol?.getName();
  // The SDK turns decimal strings into its Decimal class; on the wire they are strings.
  if (symbolName === 'Decimal') {
    if (typeof value !== 'string') errors.push(`${at}: expected decimal string`);
    return;
  }
  if (type.flags & ts.TypeFlags.StringLiteral) {
    if (value !== (type as ts.StringLiteralType).value) errors.push(`${at}: expected '${(type as ts.StringLiteralType).value}', got ${JSON.stringify(value)}`);
    return;
  }
  if (type.flags & ts.TypeFlags.NumberLiteral) {
    if (value !== (type as ts.NumberLiteralType).value) errors.push(`${at}: expected ${(type as ts.NumberLiteralType).value}`);
    return;
  }
  if (type.flags & ts.TypeFlags.BooleanLiteral) {
    const expected = (type as unknown as { intrinsicName: string }).intrinsicName === 'true';
    if (value !== expected) errors.push(`${at}: expected ${expected}`);
    return;
  }
  if (type.flags & ts.TypeFlags.String) return void (typeof value !== 'string' && errors.push(`${at}: expected string, got ${typeof value}`));
  if (type.flags & ts.TypeFlags.Number) return void (typeof value !== 'number' && errors.push(`${at}: expected number, got ${typeof value}`));
  if (type.flags & ts.TypeFlags.Boolean) return void (typeof value !== 'boolean' && errors.push(`${at}: expected boolean`));
  if (type.isIntersection()) {
    // `string & {}` (OtherString) and similar brands: check the primitive part.
    const prim = type.types.find((t) => t.flags & (ts.TypeFlags.String | ts.TypeFlags.Number));
    if (prim) return check(value, prim, at, errors, depth + 1);
    for (const t of type.types) check(value, t, at, errors, depth + 1);
    return;
  }
  if (c.isArrayType(type)) {
    if (!Array.isArray(value)) return void errors.push(`${at}: expected array`);
    const el = c.getTypeArguments(type as ts.TypeReference)[0];
    if (el) value.forEach((v, i) => check(v, el, `${at}[${i}]`, errors, depth + 1));
    return;
  }
  if (type.flags & ts.TypeFlags.Object) {
    if (typeof value !== 'object' || Array.isArray(value)) return void errors.push(`${at}: expected object, got ${JSON.stringify(value)?.slice(0, 40)}`);
    const obj = value as Record<string, unknown>;
    const index = c.getIndexInfosOfType(type)[0];
    const props = c.getPropertiesOfType(type);
    if (index && props.length === 0) {
      for (const [k, v] of Object.entries(obj)) check(v, index.type, `${at}.${k}`, errors, depth + 1);
      return;
    }
    const names = new Set(props.map((p) => p.getName()));
    for (const p of props) {
      const name = p.getName();
      const optional = (p.flags & ts.SymbolFlags.Optional) !== 0;
      if (!(name in obj)) {
        if (!optional) errors.push(`${at}.${name}: missing`);
        continue;
      }
      const decl = p.valueDeclaration ?? p.declarations?.[0];
      const pt = decl ? c.getTypeOfSymbolAtLocation(p, decl) : c.getDeclaredTypeOfSymbol(p);
      check(obj[name], pt, `${at}.${name}`, errors, depth + 1);
    }
    if (!index) for (const k of Object.keys(obj)) if (!names.has(k)) errors.push(`${at}.${k}: not in the SDK type`);
  }
}

/** Mismatches between `value` and `Stripe.<typeName>` (empty when it fits). */
export function shapeErrors(typeName: string, value: unknown, allNames: string[]): string[] {
  if (!checker) load(allNames);
  const type = types.get(typeName.replace(/\./g, '_'));
  if (!type) throw new Error(`Type Stripe.${typeName} not loaded`);
  const errors: string[] = [];
  check(value, type, typeName, errors);
  return errors;
}
