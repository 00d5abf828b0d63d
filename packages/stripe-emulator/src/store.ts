import { referenceMissing, resourceMissing, type StripeError } from './errors.js';

const throwError = (error: StripeError): never => {
  throw error;
};

// Stored objects are API-shaped JSON; references to other objects are kept as ids and turned
// into objects only by expansion, exactly as Stripe does on the wire.
export type StripeObject = { id: string; object: string; [key: string]: any };

export type Renderer = (obj: StripeObject) => StripeObject;

export class Store {
  private readonly objects = new Map<string, StripeObject>();
  private readonly order = new Map<string, number>();
  private readonly deleted = new Set<string>();
  private readonly renderers = new Map<string, Renderer>();
  private seq = 0;

  registerRenderer(object: string, renderer: Renderer): void {
    this.renderers.set(object, renderer);
  }

  put<T extends StripeObject>(obj: T): T {
    if (!this.order.has(obj.id)) this.order.set(obj.id, ++this.seq);
    this.objects.set(obj.id, obj);
    return obj;
  }

  get(id: string): StripeObject | undefined {
    return this.deleted.has(id) ? undefined : this.objects.get(id);
  }

  /** Live object of the given type named in the URL path (or known to exist), else Stripe's 404. */
  find(object: string, id: unknown, param = 'id'): StripeObject {
    return this.lookup(object, id) ?? throwError(resourceMissing(object, String(id), param));
  }

  /** Live object of the given type named by the request parameter `param`, else Stripe's 400 naming it. */
  findReferenced(object: string, id: unknown, param: string): StripeObject {
    return this.lookup(object, id) ?? throwError(referenceMissing(object, String(id), param));
  }

  private lookup(object: string, id: unknown): StripeObject | undefined {
    const found = typeof id === 'string' ? this.get(id) : undefined;
    return found?.object === object ? found : undefined;
  }

  isDeleted(id: string): boolean {
    return this.deleted.has(id);
  }

  /** Includes deleted tombstones, for retrieves that answer `{ deleted: true }`. */
  getAny(id: string): StripeObject | undefined {
    return this.objects.get(id);
  }

  markDeleted(id: string): void {
    this.deleted.add(id);
  }

  restoreDeleted(id: string): void {
    this.deleted.delete(id);
  }

  remove(id: string): void {
    this.objects.delete(id);
    this.order.delete(id);
    this.deleted.delete(id);
  }

  /** Live objects of a type, newest first (Stripe's list order). */
  all(object: string, filter?: (o: StripeObject) => boolean): StripeObject[] {
    const out: StripeObject[] = [];
    for (const o of this.objects.values()) {
      if (o.object !== object || this.deleted.has(o.id)) continue;
      if (filter && !filter(o)) continue;
      out.push(o);
    }
    return out.sort(
      (a, b) => (b.created ?? 0) - (a.created ?? 0) || (this.order.get(b.id) ?? 0) - (this.order.get(a.id) ?? 0),
    );
  }

  /** A detached copy in wire shape; private `_` fields are dropped (renderers fill in derived fields such as embedded items). */
  render(obj: StripeObject): StripeObject {
    const renderer = this.renderers.get(obj.object);
    const copy = structuredClone(obj);
    const out = renderer ? renderer(copy) : copy;
    // Keys starting with `_` are the emulator's private bookkeeping and never go on the wire.
    for (const k of Object.keys(out)) if (k.startsWith('_')) delete out[k];
    return out;
  }

  clear(): void {
    this.objects.clear();
    this.order.clear();
    this.deleted.clear();
    this.seq = 0;
  }

  snapshot(): { objects: StripeObject[]; deleted: string[] } {
    const objects = [...this.objects.values()].sort(
      (a, b) => (this.order.get(a.id) ?? 0) - (this.order.get(b.id) ?? 0),
    );
    return { objects: structuredClone(objects), deleted: [...this.deleted] };
  }

  restore(snap: { objects: StripeObject[]; deleted: string[] }): void {
    this.clear();
    for (const o of snap.objects) this.put(o);
    for (const id of snap.deleted) this.deleted.add(id);
  }
}
