import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import {
  appendLeaf,
  consistencySpec,
  emptyRoot,
  frontierNodes,
  inclusionSpec,
  leafHash,
  nodeHash,
  resolveProof,
  rootOfFrontier,
  rootOfLeaves,
  verifyConsistency,
  verifyInclusion,
} from './merkle';
import { TreeBuilder } from './merkle-builder';
import type { Hash, NodeId } from './merkle';
import published from '../../test/fixtures/merkle/transparency-dev-vectors.json';

/**
 * Known answers from transparency-dev/merkle (the RFC 6962 reference vectors: testonly/constants.go
 * and testonly/reference_test.go), and its published verification vectors (testdata/, bundled in
 * test/fixtures/merkle/transparency-dev-vectors.json with the commit they came from).
 */
const LEAF_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => hexToBytes(h));
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const NODES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  ['d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
];
const INCLUSION: Array<{ index: number; size: number; proof: string[] }> = [
  { index: 0, size: 1, proof: [] },
  { index: 0, size: 2, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7'] },
  { index: 1, size: 2, proof: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d'] },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'],
  },
  {
    index: 0,
    size: 8,
    proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'],
  },
  {
    index: 5,
    size: 8,
    proof: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'],
  },
];
const CONSISTENCY: Array<{ size1: number; size2: number; proof: string[] }> = [
  { size1: 1, size2: 1, proof: [] },
  {
    size1: 1,
    size2: 8,
    proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'],
  },
  { size1: 2, size2: 5, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
  {
    size1: 6,
    size2: 8,
    proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'],
  },
];

const leaves = LEAF_INPUTS.map(leafHash);
const hashOf = (id: NodeId): Hash => hexToBytes(NODES[id.level]?.[id.index] ?? '');
const hex = (hashes: Hash[]): string[] => hashes.map(bytesToHex);

interface InclusionVector {
  file: string;
  leafIdx: number;
  treeSize: number;
  root: string | null;
  leafHash: string | null;
  proof: string[] | null;
  wantErr: boolean;
}
interface ConsistencyVector {
  file: string;
  size1: number;
  size2: number;
  root1: string | null;
  root2: string | null;
  proof: string[] | null;
  wantErr: boolean;
}
const vectors = published as unknown as { inclusion: InclusionVector[]; consistency: ConsistencyVector[] };
const b64 = (s: string | null): Uint8Array => (s === null ? new Uint8Array(0) : Uint8Array.from(atob(s), (c) => c.charCodeAt(0)));

describe('RFC 9162 Merkle tree', () => {
  it('hashes leaves and nodes with the 0x00 / 0x01 prefixes: every node of the reference tree', () => {
    NODES[0]!.forEach((h, i) => expect(bytesToHex(leaves[i]!)).toBe(h));
    NODES[1]!.forEach((h, i) => expect(bytesToHex(nodeHash(leaves[2 * i]!, leaves[2 * i + 1]!))).toBe(h));
    expect(bytesToHex(emptyRoot())).toBe(ROOTS[0]);
  });

  it('gives the reference root for every tree size 0..8, built one append at a time', () => {
    let frontier: Hash[] = [];
    expect(bytesToHex(rootOfFrontier(frontier))).toBe(ROOTS[0]);
    for (let n = 0; n < 8; n++) {
      const step = appendLeaf(frontier, n, leaves[n]!);
      frontier = step.frontier;
      expect(bytesToHex(rootOfFrontier(frontier))).toBe(ROOTS[n + 1]);
      expect(frontier.map(bytesToHex)).toEqual(frontierNodes(n + 1).map((id) => NODES[id.level]![id.index]));
      for (const node of step.completed) expect(bytesToHex(node.hash)).toBe(NODES[node.level]![node.index]);
    }
    expect(bytesToHex(rootOfLeaves(leaves))).toBe(ROOTS[8]);
  });

  it('produces the reference inclusion proofs byte for byte, and they verify', () => {
    for (const v of INCLUSION) {
      const proof = resolveProof(inclusionSpec(v.index, v.size), (id) => (id.level === 0 ? leaves[id.index]! : hashOf(id)));
      expect(hex(proof)).toEqual(v.proof);
      expect(verifyInclusion(v.index, v.size, leaves[v.index]!, proof, hexToBytes(ROOTS[v.size]!))).toBe(true);
    }
  });

  it('produces the reference consistency proofs byte for byte, and they verify', () => {
    for (const v of CONSISTENCY) {
      const proof = resolveProof(consistencySpec(v.size1, v.size2), hashOf);
      expect(hex(proof)).toEqual(v.proof);
      expect(verifyConsistency(v.size1, v.size2, hexToBytes(ROOTS[v.size1]!), hexToBytes(ROOTS[v.size2]!), proof)).toBe(true);
    }
  });

  it('proves every leaf into every tree size and every pair of sizes of a 70-leaf tree', () => {
    const many = Array.from({ length: 70 }, (_, i) => leafHash(new Uint8Array([i, i >> 8])));
    const roots = Array.from({ length: 71 }, (_, n) => rootOfLeaves(many.slice(0, n)));
    const mth = (id: NodeId): Hash => rootOfLeaves(many.slice(id.index * 2 ** id.level, (id.index + 1) * 2 ** id.level));
    for (let n = 1; n <= 70; n++) {
      for (let m = 0; m < n; m++) expect(verifyInclusion(m, n, many[m]!, resolveProof(inclusionSpec(m, n), mth), roots[n]!)).toBe(true);
      for (let m = 1; m <= n; m++) expect(verifyConsistency(m, n, roots[m]!, roots[n]!, resolveProof(consistencySpec(m, n), mth))).toBe(true);
    }
  });

  it.each(vectors.inclusion.map((v) => [v.file, v] as const))('inclusion vector %s', (_file, v) => {
    const ok = verifyInclusion(v.leafIdx, v.treeSize, b64(v.leafHash), (v.proof ?? []).map(b64), b64(v.root));
    expect(ok).toBe(!v.wantErr);
  });

  it.each(vectors.consistency.map((v) => [v.file, v] as const))('consistency vector %s', (_file, v) => {
    const ok = verifyConsistency(v.size1, v.size2, b64(v.root1), b64(v.root2), (v.proof ?? []).map(b64));
    expect(ok).toBe(!v.wantErr);
  });

  it('refuses a consistency proof whose old root was rewritten (a rewritten history)', () => {
    const a = Array.from({ length: 10 }, (_, i) => leafHash(new Uint8Array([i])));
    const forged = a.slice();
    forged[3] = leafHash(new Uint8Array([99]));
    const mth = (list: Hash[]) => (id: NodeId): Hash => rootOfLeaves(list.slice(id.index * 2 ** id.level, (id.index + 1) * 2 ** id.level));
    const proof = resolveProof(consistencySpec(6, 10), mth(forged));
    expect(verifyConsistency(6, 10, rootOfLeaves(a.slice(0, 6)), rootOfLeaves(forged), proof)).toBe(false);
  });
});

describe('TreeBuilder', () => {
  it('streams leaves to the same roots, frontiers and completed nodes as the reference, and resumes from a frontier', () => {
    const data = Array.from({ length: 40 }, (_, i) => new Uint8Array(32).fill(i));
    const a = new TreeBuilder();
    let resumed: TreeBuilder | null = null;
    data.forEach((d, i) => {
      const completed = a.push(d);
      const step = appendLeaf(i === 0 ? [] : frontierOf(data, i), i, leafHash(d));
      expect(completed.map(bytesToHex)).toEqual(step.completed.slice(1).map((c) => bytesToHex(c.hash)));
      if (i === 20) resumed = TreeBuilder.resume(a.frontier(), a.size);
      else resumed?.push(d);
      expect(bytesToHex(a.root())).toBe(bytesToHex(rootOfLeaves(data.slice(0, i + 1).map(leafHash))));
    });
    expect(bytesToHex((resumed as TreeBuilder | null)!.root())).toBe(bytesToHex(a.root()));
    expect(() => TreeBuilder.resume([], 3)).toThrow(RangeError);
  });
});

const frontierOf = (data: Uint8Array[], n: number): Hash[] => frontierNodes(n).map((id) => rootOfLeaves(data.slice(id.index * 2 ** id.level, (id.index + 1) * 2 ** id.level).map(leafHash)));
