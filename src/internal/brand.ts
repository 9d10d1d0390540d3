// Class names and brands that survive bundling. A bundler may rename a class (`OneMessage2` when
// two share a name) and the package's ESM and CJS builds are separate copies of every class, so
// the SDK names its classes explicitly and recognises its own instances by a registry symbol.

const KIND = Symbol.for('@onemessage/sdk.kind');

type Branded = { [KIND]?: string };

/** Sets a class's `name` to `name`, whatever a bundler renamed it to. */
export function named(cls: abstract new (...args: never[]) => unknown, name: string): void {
  Object.defineProperty(cls, 'name', { value: name, configurable: true });
}

/** Names a class and brands it with `kind` (by default its name), which every copy of the SDK shares. */
export function brand(cls: abstract new (...args: never[]) => unknown, name: string, kind: string = name): void {
  named(cls, name);
  Object.defineProperty(cls, KIND, { value: kind });
}

/**
 * `value instanceof cls`, also true when `value` comes from another copy of the SDK (the CJS build
 * under `require()`, the ESM build under `import`): some class on its prototype chain has the
 * same brand as `cls`. A class without a brand of its own (a user's subclass) keeps plain
 * `instanceof`, so it never matches its parent's instances.
 */
export function hasBrand(cls: abstract new (...args: never[]) => unknown, value: unknown): boolean {
  if (Function.prototype[Symbol.hasInstance].call(cls, value)) return true;
  if (typeof value !== 'object' || value === null || !Object.hasOwn(cls, KIND)) return false;
  const kind = (cls as Branded)[KIND];
  for (let proto: object | null = Object.getPrototypeOf(value); proto !== null; proto = Object.getPrototypeOf(proto)) {
    const ctor = Object.hasOwn(proto, 'constructor') ? (proto as { constructor: unknown }).constructor : undefined;
    if (typeof ctor === 'function' && Object.hasOwn(ctor, KIND) && (ctor as Branded)[KIND] === kind) return true;
  }
  return false;
}
