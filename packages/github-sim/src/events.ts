/**
 * Delivers sim events to registered handlers and tracks every invocation, so
 * `idle()` can wait until all of them settled and surface their errors.
 */
export type EventHandler = (payload: any) => Promise<void> | void;

export class EventBus {
  private readonly handlers = new Map<string, Set<EventHandler>>();
  private readonly pending = new Set<Promise<void>>();
  private readonly errors: unknown[] = [];

  on(name: string, handler: EventHandler): () => void {
    let set = this.handlers.get(name);
    if (!set) {
      set = new Set();
      this.handlers.set(name, set);
    }
    set.add(handler);
    return () => set.delete(handler);
  }

  emit(name: string, payload: unknown): void {
    for (const handler of [...(this.handlers.get(name) ?? [])]) {
      this.track(Promise.resolve().then(() => handler(payload)));
    }
  }

  /** Counts any piece of work (an in-flight request, a handler) towards `idle()`. */
  track(work: Promise<unknown>): void {
    const settled: Promise<void> = work.then(
      () => undefined,
      (error: unknown) => {
        this.errors.push(error);
      },
    );
    this.pending.add(settled);
    void settled.finally(() => this.pending.delete(settled));
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    if (this.errors.length === 0) return;
    const errors = this.errors.splice(0);
    if (errors.length === 1) throw errors[0];
    throw new AggregateError(errors, `${errors.length} event handlers failed`);
  }
}
