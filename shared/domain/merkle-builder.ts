import { sha256 } from '@noble/hashes/sha2.js';
import { frontierNodes, HASH_BYTES, rootOfFrontier } from './merkle';
import type { Hash } from './merkle';

/**
 * Builds a tree one leaf at a time with little allocation (the verifier streams a million
 * entries through it): the frontier is a stack, the leaf and node inputs reuse two buffers.
 */
export class TreeBuilder {
  private readonly stack: Hash[] = [];
  private readonly leafBuf = new Uint8Array(1 + HASH_BYTES);
  private readonly nodeBuf = new Uint8Array(1 + 2 * HASH_BYTES);
  private count = 0;

  constructor() {
    this.nodeBuf[0] = 1;
  }

  /** Carries on from a stored frontier (the hashes of `frontierNodes(size)`). */
  static resume(frontier: readonly Hash[], size: number): TreeBuilder {
    if (frontier.length !== frontierNodes(size).length) throw new RangeError(`a frontier of ${frontier.length} does not fit a tree of ${size}`);
    const t = new TreeBuilder();
    t.stack.push(...frontier);
    t.count = size;
    return t;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Adds the leaf whose input is `data` (an audit entry's 32-byte hash) and returns the hashes
   * of the perfect subtrees it completed at levels 1, 2, … (empty for an even position).
   */
  push(data: Uint8Array): Hash[] {
    this.leafBuf.set(data, 1);
    let hash = sha256(this.leafBuf);
    const completed: Hash[] = [];
    let index = this.count;
    while (index % 2 === 1) {
      const left = this.stack.pop();
      if (!left) throw new RangeError('tree state is broken');
      this.nodeBuf.set(left, 1);
      this.nodeBuf.set(hash, 1 + HASH_BYTES);
      hash = sha256(this.nodeBuf);
      completed.push(hash);
      index = (index - 1) / 2;
    }
    this.stack.push(hash);
    this.count += 1;
    return completed;
  }

  frontier(): Hash[] {
    return this.stack.slice();
  }

  root(): Hash {
    return rootOfFrontier(this.stack);
  }
}
