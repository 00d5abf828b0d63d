/**
 * Stores `value` as the most recent entry of `map` and drops the oldest entries beyond `max`.
 * A Map iterates in insertion order, so deleting before setting makes its first key the least
 * recently stored: the in-process memories (read cache, customer links, verified tokens, mirrored
 * host claims) all stay bounded this way.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}
