/**
 * The shape every renderer service shares (like features/transactions/sale-window.ts): a
 * snapshot that screens read with useSyncExternalStore, replaced (never mutated) on each change.
 */
export class Observable<S> {
  private readonly listeners = new Set<() => void>();

  constructor(private snapshot: S) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): S => this.snapshot;

  protected set(patch: Partial<S>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }
}

/** Lets the screen paint (a progress bar, "working…") before a long synchronous step. */
export const yieldToPaint = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A command error or any thrown value, as a code the screen translates and a detail for the log. */
export interface ServiceError {
  code: string;
  reason?: string;
  row?: number | null;
  column?: string | null;
  detail?: Record<string, string | number>;
}
