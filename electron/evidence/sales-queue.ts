/**
 * The bridge between `evidence:sales` messages and the writer's `AsyncIterable` of sales. A
 * message's batch is answered only once the writer has taken every sale of it and asked for
 * the next one (so it has written them): that is the renderer's back-pressure, and memory
 * holds at most one batch and the sale being converted. Conversion (receipt re-encoding, PNG
 * drawing, attachment reading) runs lazily as the writer pulls, one sale at a time.
 */
const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

export interface BatchDone {
  /** Sales the writer has taken so far, this batch included. */
  sales: number;
}

interface Batch<W> {
  items: W[];
  done: (result: BatchDone) => void;
  failed: (error: unknown) => void;
}

export class SalesQueue<W, T> {
  private readonly batches: Array<Batch<W>> = [];
  private wake: (() => void) | null = null;
  private ended = false;
  private failure: Error | null = null;
  private taken = 0;

  constructor(private readonly convert: (wire: W) => Promise<T>) {}

  /** Queues one message's sales; resolves when the writer has consumed them all. */
  push(items: W[]): Promise<BatchDone> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.ended) return Promise.reject(new Error('the export takes no more sales'));
    return new Promise<BatchDone>((done, failed) => {
      this.batches.push({ items, done, failed });
      this.wake?.();
    });
  }

  /** No more sales: the writer's loop ends after the queued ones. */
  end(): void {
    this.ended = true;
    this.wake?.();
  }

  /** The export stopped (cancel, refusal, write error): every waiting message gets `error`. */
  fail(error: unknown): void {
    this.failure ??= asError(error);
    this.ended = true;
    for (const b of this.batches.splice(0)) b.failed(error);
    this.wake?.();
  }

  async *sales(): AsyncGenerator<T> {
    for (;;) {
      const batch = this.batches[0];
      if (!batch) {
        if (this.ended) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      try {
        for (const wire of batch.items) {
          const item = await this.convert(wire);
          this.taken += 1;
          // Resuming here means the writer has written the sale before and asks for this one.
          yield item;
        }
      } catch (error) {
        // A sale that could not be converted fails its own message (still queued) and stops the export.
        this.fail(error);
        throw error;
      }
      this.batches.shift();
      // The generator resumes only when the writer asks for the next sale: the last one is written.
      batch.done({ sales: this.taken });
    }
  }
}
