/**
 * A cached view is one object shared by every request that reads it until it is invalidated, so it
 * is sealed when it enters the cache: frozen all the way down, and registered here. A sealed view
 * cannot change, so its JSON cannot either, and it is serialized once, the first time it is sent.
 * On a warm read, serializing the view was the largest single cost left (42k of the server's 262k
 * instructions per request, measured with bench/instructions.ts; decision 012).
 */

// A sealed view maps to its JSON, or to null until it is first serialized.
const sealed = new WeakMap<object, string | null>();

export function sealView<T>(view: T): T {
  if (view === null || typeof view !== 'object') return view;
  deepFreeze(view);
  sealed.set(view, null);
  return view;
}

/** `JSON.stringify(value)`, remembered for a sealed view. */
export function viewJson(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const remembered = sealed.get(value);
  if (remembered === undefined) return JSON.stringify(value);
  if (remembered !== null) return remembered;
  const json = JSON.stringify(value);
  sealed.set(value, json);
  return json;
}

function deepFreeze(value: object) {
  if (Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object') deepFreeze(child as object);
  }
}
