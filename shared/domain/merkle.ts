import { sha256 } from '@noble/hashes/sha2.js';

/**
 * RFC 9162 (Certificate Transparency 2.0, same tree as RFC 6962) Merkle tree hashing, proofs
 * and their verifiers, pure and synchronous (they run inside IndexedDB transactions).
 *
 *   leaf = SHA-256(0x00 ‖ leaf input)      node = SHA-256(0x01 ‖ left ‖ right)
 *
 * Storage never holds the whole tree in memory: a tree of size n is the list of its perfect
 * subtrees (its "frontier": one per set bit of n, largest first), and every perfect subtree is
 * addressed as a `NodeId` {level, index}, covering leaves [index·2^level, (index+1)·2^level).
 * Proofs are produced in two steps so a store can fetch nodes in bulk: `inclusionSpec` /
 * `consistencySpec` name the perfect subtrees each proof element folds, `resolveProof` hashes.
 */
export type Hash = Uint8Array;

export interface NodeId {
  level: number;
  index: number;
}

/** A proof before hashing: each element is the fold (right to left) of these perfect subtrees. */
export type ProofSpec = NodeId[][];

export const HASH_BYTES = 32;

export const leafHash = (input: Uint8Array): Hash => {
  const buf = new Uint8Array(input.length + 1);
  buf.set(input, 1);
  return sha256(buf);
};

export const nodeHash = (left: Hash, right: Hash): Hash => {
  const buf = new Uint8Array(1 + left.length + right.length);
  buf[0] = 1;
  buf.set(left, 1);
  buf.set(right, 1 + left.length);
  return sha256(buf);
};

/** The root of the empty tree: SHA-256 of nothing. */
export const emptyRoot = (): Hash => sha256(new Uint8Array(0));

export const equalHash = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
};

/** Largest power of two strictly below n (n ≥ 2): where RFC 9162 splits a tree of n leaves. */
export const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

const checkSize = (n: number, what: string): void => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer`);
};

/** Folds hashes right to left: [a, b, c] → H(a, H(b, c)). The MTH of a subtree from its perfect pieces. */
export const foldRight = (hashes: readonly Hash[]): Hash => {
  const last = hashes[hashes.length - 1];
  if (!last) throw new RangeError('nothing to fold');
  let acc = last;
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i] as Hash, acc);
  return acc;
};

/**
 * The perfect subtrees covering leaves [a, b), largest first. For an RFC 9162 subtree (a is a
 * multiple of the power of two at or above b - a, as every subtree the proofs name is) this is
 * the binary decomposition of b - a, and `foldRight` of their hashes is that subtree's MTH.
 */
export const rangeNodes = (a: number, b: number): NodeId[] => {
  const out: NodeId[] = [];
  let at = a;
  while (at < b) {
    let level = 0;
    while (at % 2 ** (level + 1) === 0 && at + 2 ** (level + 1) <= b) level += 1;
    out.push({ level, index: at / 2 ** level });
    at += 2 ** level;
  }
  return out;
};

/** The frontier of a tree of `size` leaves: its perfect subtrees, largest first. */
export const frontierNodes = (size: number): NodeId[] => rangeNodes(0, size);

/**
 * Appends one leaf hash to a frontier (hashes of `frontierNodes(size)`), returning the new
 * frontier and the perfect subtrees the append completed, leaf first (what a store keeps for
 * later proofs). Costs one hash per level completed: two on average.
 */
export const appendLeaf = (frontier: readonly Hash[], size: number, leaf: Hash): { frontier: Hash[]; completed: Array<NodeId & { hash: Hash }> } => {
  const next = frontier.slice();
  let hash = leaf;
  let index = size;
  let level = 0;
  const completed: Array<NodeId & { hash: Hash }> = [{ level: 0, index, hash }];
  // Each trailing 1 bit of `size` is a perfect subtree of the same height waiting for a right sibling.
  while (index % 2 === 1) {
    const left = next.pop();
    if (!left) throw new RangeError('frontier does not match the tree size');
    hash = nodeHash(left, hash);
    index = (index - 1) / 2;
    level += 1;
    completed.push({ level, index, hash });
  }
  next.push(hash);
  return { frontier: next, completed };
};

/** The root of the tree whose frontier this is (the empty root for no leaves). */
export const rootOfFrontier = (frontier: readonly Hash[]): Hash => (frontier.length === 0 ? emptyRoot() : foldRight(frontier));

/** MTH of leaf hashes held in memory (tests, small excerpts). */
export const rootOfLeaves = (leaves: readonly Hash[]): Hash => {
  let frontier: Hash[] = [];
  leaves.forEach((leaf, i) => {
    frontier = appendLeaf(frontier, i, leaf).frontier;
  });
  return rootOfFrontier(frontier);
};

/** RFC 9162 §2.1.3.1 PATH(m, D[0:n]) as the perfect subtrees each element folds. */
export const inclusionSpec = (index: number, size: number): ProofSpec => {
  checkSize(index, 'index');
  checkSize(size, 'size');
  if (index >= size) throw new RangeError(`index ${index} is not in a tree of ${size}`);
  const path = (m: number, a: number, b: number): ProofSpec => {
    if (b - a === 1) return [];
    const k = splitPoint(b - a);
    return m < a + k ? [...path(m, a, a + k), rangeNodes(a + k, b)] : [...path(m, a + k, b), rangeNodes(a, a + k)];
  };
  return path(index, 0, size);
};

/** RFC 9162 §2.1.4.1 PROOF(m, D[0:n]) as the perfect subtrees each element folds. */
export const consistencySpec = (oldSize: number, newSize: number): ProofSpec => {
  checkSize(oldSize, 'old size');
  checkSize(newSize, 'new size');
  if (oldSize > newSize) throw new RangeError(`a tree of ${newSize} cannot extend one of ${oldSize}`);
  if (oldSize === 0 || oldSize === newSize) return [];
  const sub = (m: number, a: number, b: number, haveRoot: boolean): ProofSpec => {
    if (m === b - a) return haveRoot ? [] : [rangeNodes(a, b)];
    const k = splitPoint(b - a);
    return m <= k ? [...sub(m, a, a + k, haveRoot), rangeNodes(a + k, b)] : [...sub(m - k, a + k, b, false), rangeNodes(a, a + k)];
  };
  return sub(oldSize, 0, newSize, true);
};

/** Every perfect subtree a spec needs, once each (for a bulk read). */
export const specNodes = (spec: ProofSpec): NodeId[] => {
  const seen = new Map<string, NodeId>();
  for (const ids of spec) for (const id of ids) seen.set(`${id.level}:${id.index}`, id);
  return [...seen.values()];
};

/** Hashes a spec into a proof, given each perfect subtree's hash. */
export const resolveProof = (spec: ProofSpec, hashOf: (id: NodeId) => Hash): Hash[] => spec.map((ids) => foldRight(ids.map(hashOf)));

const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

/**
 * RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or null when the proof cannot be for
 * this index and size (wrong length, index out of range, malformed hashes).
 */
export const rootFromInclusion = (index: number, size: number, leaf: Hash, proof: readonly Hash[]): Hash | null => {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return null;
  if (leaf.length !== HASH_BYTES || proof.some((p) => p.length !== HASH_BYTES)) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
};

export const verifyInclusion = (index: number, size: number, leaf: Hash, proof: readonly Hash[], root: Hash): boolean => {
  const computed = rootFromInclusion(index, size, leaf, proof);
  return computed !== null && equalHash(computed, root);
};

/**
 * RFC 9162 §2.1.4.2: whether `newRoot` of a tree of `newSize` extends `oldRoot` of `oldSize`.
 * Edge cases follow the transparency-dev verifier (its published vectors): equal sizes need an
 * empty proof and equal roots; a proof from the empty tree proves nothing and is refused.
 */
export const verifyConsistency = (oldSize: number, newSize: number, oldRoot: Hash, newRoot: Hash, proof: readonly Hash[]): boolean => {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || newSize < oldSize) return false;
  if (proof.some((h) => h.length !== HASH_BYTES)) return false;
  if (oldSize === 0) return false;
  if (oldSize === newSize) return proof.length === 0 && equalHash(oldRoot, newRoot);
  if (proof.length === 0) return false;
  // A power-of-two old tree is itself a node of the new one: its root starts the path.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  const first = path[0] as Hash;
  let fr = first;
  let sr = first;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalHash(fr, oldRoot) && equalHash(sr, newRoot);
};

const isPowerOfTwo = (n: number): boolean => {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
};
