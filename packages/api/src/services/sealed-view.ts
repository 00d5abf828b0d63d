/**
 * A cached view is one object shared by every request that reads it until it is invalidated, so it
 * is sealed when it enters the cache: frozen all the way down, and registered here. A sealed view
 * cannot change, so its JSON cannot either: from the second time it is sent, the JSON written the
 * time before is answered again. (Not from the first: a view read once, as most are for a customer
 * who opens the portal once, then holds no string.) On a warm read, serializing the view was the
 * largest single cost left (42k of the server's 262k instructions per request, measured with
 * bench/instructions.ts; decision 012).
 */

/** A sealed view maps to how often it was serialized (0 or 1), then to its JSON. */
const sealed = new WeakMap<object, number | string>();

export function sealView<T>(view: T): T {
  if (view === null || typeof view !== 'object') return view;
  deepFreeze(view);
  sealed.set(view, 0);
  return view;
}

/** `JSON.stringify(value)`, remembered for a sealed view from its second use. */
export function viewJson(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const remembered = sealed.get(value);
  if (typeof remembered === 'string') return remembered;
  const json = JSON.stringify(value);
  if (remembered !== undefined) sealed.set(value, remembered === 0 ? 1 : json);
  return json;
}

function deepFreeze(value: object) {
  if (Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object') deepFreeze(child as object);
  }
}
