import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  TreeEdge,
  canonicalize,
  consistencyExprs,
  consistencyProof,
  evaluate,
  formatCheckpoint,
  fromBase64,
  fromHex,
  generateSigner,
  inclusionExprs,
  inclusionProof,
  leafHash,
  nodeHash,
  openNote,
  parseCheckpoint,
  parseNote,
  parseTilePath,
  parseVerifierKey,
  rootExpr,
  signNote,
  subtreeReader,
  subtreesOf,
  tileKey,
  tilePath,
  tilesFor,
  toBase64,
  toHex,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
  SIG_COSIGNATURE_V1,
  type Hash,
} from './index';
import { mulberry32 } from '../random';

const hex = (h: Hash) => toHex(h);
// The classic RFC 6962 test leaves (transparency-dev/merkle).
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => leafHash(fromHex(h)));

const prng = mulberry32;

/** Every complete-subtree hash of a tree, level by level (the reference the tiles must agree with). */
function levelsOf(leaves: Hash[]): Hash[][] {
  const levels = [leaves];
  while (levels[levels.length - 1].length > 1) {
    const prev = levels[levels.length - 1];
    const next: Hash[] = [];
    for (let i = 0; i + 1 < prev.length; i += 2) next.push(nodeHash(prev[i], prev[i + 1]));
    levels.push(next);
  }
  return levels;
}

/** A stored tree as tiles, built by appending in random batches. */
function tiled(leaves: Hash[], rnd: () => number) {
  const edge = new TreeEdge();
  const tiles = new Map<string, Uint8Array>();
  for (let i = 0; i < leaves.length; ) {
    const n = Math.min(leaves.length - i, 1 + Math.floor(rnd() * 700));
    for (const t of edge.append(leaves.slice(i, i + n))) tiles.set(tileKey(t.level, t.index), t.hashes);
    i += n;
  }
  return { edge, tiles, read: subtreeReader(tiles) };
}

describe('RFC 6962 hashing (standards.md §6 vectors)', () => {
  it('reproduces the empty root, leaf("") and the 8-leaf root', () => {
    expect(hex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(leafHash(new Uint8Array(0)))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    expect(toBase64(treeRoot(LEAVES))).toBe('XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=');
  });

  it('reproduces the roots of the first 1–8 leaves and an inclusion proof', () => {
    const roots = [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
      '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
      'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    ];
    roots.forEach((r, i) => expect(hex(treeRoot(LEAVES.slice(0, i + 1)))).toBe(r));
    expect(inclusionProof(LEAVES, 0).map(hex)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
  });

  it('checks every inclusion and consistency proof of trees up to 64 leaves', () => {
    const leaves = Array.from({ length: 64 }, (_, i) => leafHash(`leaf ${i}`));
    const roots = [EMPTY_ROOT, ...leaves.map((_, i) => treeRoot(leaves.slice(0, i + 1)))];
    for (let n = 1; n <= 64; n++) {
      for (let i = 0; i < n; i++) {
        const p = inclusionProof(leaves, i, n);
        expect(verifyInclusion(i, n, leaves[i], p, roots[n])).toBe(true);
        if (p.length) expect(verifyInclusion(i, n, leaves[i], p.slice(0, -1), roots[n])).toBe(false);
        expect(verifyInclusion(i, n, leaves[(i + 1) % 64], p, roots[n])).toBe(false);
      }
      for (let m = 0; m <= n; m++) {
        const p = consistencyProof(leaves, m, n);
        expect(verifyConsistency(m, n, roots[m], roots[n], p)).toBe(true);
        if (m > 0 && m < n) {
          expect(verifyConsistency(m, n, roots[m], roots[n - 1], p)).toBe(false);
          expect(verifyConsistency(m, n, leafHash('not a root'), roots[n], p)).toBe(false);
        }
      }
    }
  });
});

describe('proofs from tiles, random sizes up to 10,000 (RFC 9162 §2.1.3–2.1.4 verification)', () => {
  it('agree with the full tree and verify; tampered proofs do not', () => {
    const rnd = prng(16);
    const leaves = Array.from({ length: 10_000 }, (_, i) => leafHash(`entry ${i}`));
    const levels = levelsOf(leaves);
    const { tiles, read, edge } = tiled(leaves, rnd);
    expect(edge.size).toBe(10_000);
    // Every complete subtree the tiles give equals the reference.
    for (let l = 0; l < levels.length; l++) for (let i = 0; i < levels[l].length; i += 1 + Math.floor(rnd() * 40)) expect(hex(read({ level: l, index: i }))).toBe(hex(levels[l][i]));
    const sizes = [1, 2, 255, 256, 257, 65, 10_000, ...Array.from({ length: 25 }, () => 1 + Math.floor(rnd() * 10_000))];
    for (const n of sizes) {
      // The reference root of the first n leaves, from the level arrays (not from tiles).
      const root = evaluate(rootExpr(n), (s) => levels[s.level][s.index]);
      expect(hex(evaluate(rootExpr(n), read))).toBe(hex(root));
      for (let k = 0; k < 30; k++) {
        const i = Math.floor(rnd() * n);
        const exprs = inclusionExprs(i, n);
        // A stored tree reads only the tiles the proof needs.
        const need = tilesFor(subtreesOf(exprs));
        expect(need.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n + 1) / 8) + 2);
        const proof = exprs.map((e) => evaluate(e, read));
        expect(verifyInclusion(i, n, leaves[i], proof, root)).toBe(true);
        if (proof.length) {
          const bad = proof.map((h) => h.slice());
          bad[Math.floor(rnd() * bad.length)][0] ^= 1;
          expect(verifyInclusion(i, n, leaves[i], bad, root)).toBe(false);
          expect(verifyInclusion((i + 1) % n, n, leaves[i], proof, root)).toBe(false);
        }
        const m = 1 + Math.floor(rnd() * n);
        const mRoot = evaluate(rootExpr(m), (s) => levels[s.level][s.index]);
        const cproof = consistencyExprs(m, n).map((e) => evaluate(e, read));
        expect(verifyConsistency(m, n, mRoot, root, cproof)).toBe(true);
        if (m < n) {
          const bad = cproof.map((h) => h.slice());
          bad[Math.floor(rnd() * bad.length)][31] ^= 1;
          expect(verifyConsistency(m, n, mRoot, root, bad)).toBe(false);
          expect(verifyConsistency(m, n, leafHash('forged'), root, cproof)).toBe(false);
        }
      }
    }
    // Tiles hold exactly the C2SP content: a full level-1 tile is the MTH of 256 level-0 tiles.
    expect(tiles.get('1/0')!.length).toBe(39 * 32);
  });
});

describe('tile paths', () => {
  it('encodes and parses C2SP tile paths', () => {
    expect(tilePath(0, 1234067)).toBe('tile/0/x001/x234/067');
    expect(tilePath(2, 5, 17)).toBe('tile/2/005.p/17');
    expect(parseTilePath('0/x001/x234/067')).toEqual({ level: 0, index: 1234067, width: 256 });
    expect(parseTilePath('1/000.p/3')).toEqual({ level: 1, index: 0, width: 3 });
    for (const bad of ['0/1', '0/0001', '0/x01/002', '0/000.p/0', '0/000.p/256', '64/000', '0/000.p/03']) expect(parseTilePath(bad)).toBeNull();
  });
});

describe('canonical JSON (RFC 8785)', () => {
  it('sorts by UTF-16 code units and writes numbers as ECMAScript does', () => {
    expect(canonicalize({ '\u20ac': 'Euro', '\r': 'CR', '\ufb33': 'Hebrew', '1': 'One', '\ud83d\ude00': 'Smiley', '\u0080': 'Control', '\u00f6': 'Latin' })).toBe(
      '{"\\r":"CR","1":"One","\u0080":"Control","ö":"Latin","€":"Euro","😀":"Smiley","\ufb33":"Hebrew"}',
    );
    expect(canonicalize([1e21, 1e-7, 0.000001, -0, 333333333.3333333, 4.5, 2e-3, 'a\u000fb', true, null])).toBe('[1e+21,1e-7,0.000001,0,333333333.3333333,4.5,0.002,"a\\u000fb",true,null]');
    expect(() => canonicalize({ a: NaN })).toThrow();
    expect(() => canonicalize('\ud800')).toThrow();
  });
});

describe('signed notes, checkpoints and cosignatures (C2SP)', () => {
  it('computes key IDs as the signed-note spec does', () => {
    // The example verifier key of the Go note package.
    const v = parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
    expect(v.name).toBe('PeterNeumann');
    expect(() => parseVerifierKey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow();
    const note = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    expect(openNote(note, [v]).verified).toHaveLength(1);
    expect(openNote(note.replace('answer', 'Answer'), [v]).verified).toHaveLength(0);
  });

  it('signs and opens a checkpoint with a log signature and a witness cosignature', () => {
    const log = generateSigner('motcua.example/tlog');
    const witness = generateSigner('witness.example/w1', SIG_COSIGNATURE_V1);
    const text = formatCheckpoint({ origin: 'motcua.example/tlog', size: 8, root: treeRoot(LEAVES) });
    const note = signNote(text, [log.signer]);
    const cosig = signNote(text, [witness.signer], 1_700_000_000);
    const both = note + cosig.slice(text.length + 1);
    expect(parseNote(both).signatures).toHaveLength(2);
    const opened = openNote(both, [parseVerifierKey(log.vkey), parseVerifierKey(witness.vkey)]);
    expect(opened.verified.map((s) => [s.verifier.name, s.timestamp])).toEqual([
      ['motcua.example/tlog', undefined],
      ['witness.example/w1', 1_700_000_000],
    ]);
    expect(parseCheckpoint(opened.text)).toMatchObject({ origin: 'motcua.example/tlog', size: 8 });
    expect(toBase64(parseCheckpoint(opened.text).root)).toBe('XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=');
    // A changed size breaks the signature; an unknown key is ignored.
    const forged = both.replace('\n8\n', '\n9\n');
    expect(openNote(forged, [parseVerifierKey(log.vkey)]).failed).toHaveLength(1);
    expect(openNote(both, [parseVerifierKey(generateSigner('motcua.example/tlog').vkey)]).verified).toHaveLength(0);
    expect(fromBase64(toBase64(new Uint8Array([1, 2, 3, 4])))).toEqual(new Uint8Array([1, 2, 3, 4]));
  });
});
