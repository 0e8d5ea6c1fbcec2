/**
 * A web ReadableStream fed by `push`, which waits while the consumer (the age encrypter and the
 * file it writes) is behind: the renderer's parts are never piled up in main's memory.
 */
export class PushStream {
  readonly stream: ReadableStream<Uint8Array>;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private wake: (() => void) | null = null;

  constructor(highWaterMark = 4) {
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (c) => {
          this.controller = c;
        },
        pull: () => {
          this.wake?.();
          this.wake = null;
        },
      },
      { highWaterMark },
    );
  }

  async push(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0) return;
    this.controller.enqueue(bytes);
    while ((this.controller.desiredSize ?? 1) <= 0) await new Promise<void>((resolve) => (this.wake = resolve));
  }

  close(): void {
    this.controller.close();
  }

  error(reason: unknown): void {
    this.controller.error(reason);
    this.wake?.();
  }
}
