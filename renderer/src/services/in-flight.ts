/**
 * Sales this window is sending right now. They are `authorizing` in the database like a sale a
 * crash interrupted, but their answer is on its way: settling must leave them alone. One instance
 * per signed-in console, shared by the send path and the settlement jobs (composition.ts).
 */
export class InFlight {
  private readonly ids = new Set<string>();

  /** Marks a sale as being sent; call the returned function once its answer is recorded. */
  add(saleId: string): () => void {
    this.ids.add(saleId);
    return () => this.ids.delete(saleId);
  }

  has(saleId: string): boolean {
    return this.ids.has(saleId);
  }
}
