// A set that forgets its oldest entries beyond a capacity: dedup caches must not grow without bound.
export class BoundedSet {
  private readonly items = new Set<string>();
  constructor(private readonly capacity: number) {}

  has(key: string): boolean {
    return this.items.has(key);
  }

  add(key: string): void {
    this.items.delete(key);
    this.items.add(key);
    while (this.items.size > this.capacity) {
      const oldest = this.items.values().next().value as string;
      this.items.delete(oldest);
    }
  }

  delete(key: string): void {
    this.items.delete(key);
  }

  get size(): number {
    return this.items.size;
  }
}
