import { inflateSync, unzlibSync } from 'fflate';

/**
 * Pulls the text out of a PDF, well enough to scan it for card numbers (the PDF's streams are
 * compressed and its glyphs are font-specific codes, so scanning the raw bytes finds nothing).
 * Covers what report writers such as pdfkit produce: indirect objects (no object streams),
 * FlateDecode content, fonts with ToUnicode CMaps (embedded subsets, CJK included) or simple
 * one-byte encodings, and the text operators Tj, TJ, ' and ". Each text operator's string is
 * kept whole and operators are joined with spaces, so a number drawn in one piece stays one.
 */
interface PdfObject {
  dict: string;
  /** Raw stream bytes, inflated only when read: images and font programs are never needed. */
  raw: Uint8Array | null;
}

const streamOf = (obj: PdfObject | undefined): Uint8Array | null => (obj?.raw ? inflateStream(obj.raw, obj.dict) : null);

type CMap = { codeBytes: number; map: Map<number, string> };

const latin1 = new TextDecoder('latin1');

const inflateStream = (raw: Uint8Array, dict: string): Uint8Array | null => {
  if (!/\/FlateDecode/.test(dict)) return /\/Filter/.test(dict) ? null : raw;
  try {
    return unzlibSync(raw);
  } catch {
    try {
      return inflateSync(raw);
    } catch {
      return null;
    }
  }
};

const parseObjects = (bytes: Uint8Array): Map<number, PdfObject> => {
  const text = latin1.decode(bytes);
  const objects = new Map<number, PdfObject>();
  const header = /(\d+)\s+\d+\s+obj\b/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const streamAt = /\bstream\r?\n/.exec(body);
    if (!streamAt) {
      objects.set(Number(m[1]), { dict: body, raw: null });
      continue;
    }
    const dict = body.slice(0, streamAt.index);
    const dataStart = start + streamAt.index + streamAt[0].length;
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    let dataEnd = length ? dataStart + Number(length[1]) : text.lastIndexOf('endstream', end);
    if (dataEnd > end || dataEnd < dataStart) dataEnd = text.lastIndexOf('endstream', end);
    objects.set(Number(m[1]), { dict, raw: bytes.subarray(dataStart, dataEnd) });
    header.lastIndex = end;
  }
  return objects;
};

const hexBytes = (hex: string): number[] => {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '');
  const padded = clean.length % 2 ? `${clean}0` : clean;
  const out: number[] = [];
  for (let i = 0; i < padded.length; i += 2) out.push(parseInt(padded.slice(i, i + 2), 16));
  return out;
};

const utf16be = (bytes: number[]): string => {
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  return s;
};

const codeOf = (bytes: number[]): number => bytes.reduce((n, b) => n * 256 + b, 0);

export const parseToUnicode = (cmapText: string): CMap => {
  const map = new Map<number, string>();
  let codeBytes = 0;
  for (const block of cmapText.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of (block[1] ?? '').matchAll(/<([0-9a-fA-F\s]+)>\s*<([0-9a-fA-F\s]*)>/g)) {
      const src = hexBytes(pair[1] ?? '');
      codeBytes ||= src.length;
      map.set(codeOf(src), utf16be(hexBytes(pair[2] ?? '')));
    }
  }
  for (const block of cmapText.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F\s]*>|\[[^\]]*\])/g)) {
      const lo = hexBytes(range[1] ?? '');
      codeBytes ||= lo.length;
      const from = codeOf(lo);
      const to = codeOf(hexBytes(range[2] ?? ''));
      const dst = range[3] ?? '';
      if (dst.startsWith('[')) {
        [...dst.matchAll(/<([0-9a-fA-F\s]*)>/g)].forEach((d, i) => map.set(from + i, utf16be(hexBytes(d[1] ?? ''))));
      } else {
        const base = hexBytes(dst.slice(1, -1));
        for (let c = from; c <= to && c - from < 65536; c++) {
          const last = (base[base.length - 1] ?? 0) + (c - from);
          map.set(c, utf16be([...base.slice(0, -1), last]));
        }
      }
    }
  }
  return { codeBytes: codeBytes || 1, map };
};

type Token = { kind: 'op'; value: string } | { kind: 'str'; bytes: number[] } | { kind: 'name'; value: string } | { kind: 'num'; value: number } | { kind: 'open' } | { kind: 'close' };

function* tokens(src: string): Generator<Token> {
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (/\s/.test(c)) i++;
    else if (c === '%') while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
    else if (c === '(') {
      const bytes: number[] = [];
      let depth = 1;
      i++;
      while (i < src.length && depth > 0) {
        const d = src[i] ?? '';
        if (d === '\\') {
          const e = src[i + 1] ?? '';
          const oct = /^[0-7]{1,3}/.exec(src.slice(i + 1, i + 4));
          if (oct) {
            bytes.push(parseInt(oct[0], 8) & 0xff);
            i += 1 + oct[0].length;
            continue;
          }
          const esc: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
          if (e !== '\n' && e !== '\r') bytes.push(esc[e] ?? e.charCodeAt(0));
          i += 2;
          continue;
        }
        if (d === '(') depth++;
        if (d === ')' && --depth === 0) break;
        bytes.push(d.charCodeAt(0) & 0xff);
        i++;
      }
      i++;
      yield { kind: 'str', bytes };
    } else if (c === '<' && src[i + 1] !== '<') {
      const end = src.indexOf('>', i);
      yield { kind: 'str', bytes: hexBytes(src.slice(i + 1, end < 0 ? src.length : end)) };
      i = end < 0 ? src.length : end + 1;
    } else if (c === '[') {
      yield { kind: 'open' };
      i++;
    } else if (c === ']') {
      yield { kind: 'close' };
      i++;
    } else if (c === '/') {
      const m = /^\/[^\s/<>[\]()%]*/.exec(src.slice(i, i + 128));
      yield { kind: 'name', value: m ? m[0].slice(1) : '' };
      i += m ? m[0].length : 1;
    } else if (/[-+.0-9]/.test(c)) {
      const m = /^[-+]?[0-9]*\.?[0-9]*/.exec(src.slice(i, i + 32));
      yield { kind: 'num', value: Number(m?.[0] ?? 0) };
      i += Math.max(1, m?.[0].length ?? 1);
    } else {
      const m = /^[^\s/<>[\]()%]+/.exec(src.slice(i, i + 32));
      if (m) yield { kind: 'op', value: m[0] };
      i += Math.max(1, m?.[0].length ?? 1);
    }
  }
}

const decodeString = (bytes: number[], cmap: CMap | null): string => {
  if (!cmap) return String.fromCharCode(...bytes);
  let s = '';
  for (let i = 0; i + cmap.codeBytes <= bytes.length; i += cmap.codeBytes) s += cmap.map.get(codeOf(bytes.slice(i, i + cmap.codeBytes))) ?? '';
  return s;
};

const refs = (text: string): number[] => [...text.matchAll(/(\d+)\s+\d+\s+R/g)].map((m) => Number(m[1]));

/** The dictionary `<< … >>` that follows `/Key` in `dict`, resolving one indirect reference. */
const subDict = (dict: string, key: string, objects: Map<number, PdfObject>): string => {
  const at = dict.search(new RegExp(`/${key}\\b`));
  if (at < 0) return '';
  const rest = dict.slice(at + key.length + 1).trimStart();
  const ref = /^(\d+)\s+\d+\s+R/.exec(rest);
  if (ref) return objects.get(Number(ref[1]))?.dict ?? '';
  if (!rest.startsWith('<<')) return '';
  let depth = 0;
  for (let i = 0; i < rest.length - 1; i++) {
    if (rest.startsWith('<<', i)) {
      depth++;
      i++;
    } else if (rest.startsWith('>>', i)) {
      depth--;
      i++;
      if (depth === 0) return rest.slice(0, i + 1);
    }
  }
  return rest;
};

/** The text of every page, in page-object order, one string per page. */
export const extractPdfText = (bytes: Uint8Array): string[] => {
  const objects = parseObjects(bytes);
  const cmaps = new Map<number, CMap | null>();
  const cmapOfFont = (fontRef: number): CMap | null => {
    if (cmaps.has(fontRef)) return cmaps.get(fontRef) ?? null;
    const font = objects.get(fontRef);
    const toUnicode = font ? /\/ToUnicode\s+(\d+)\s+\d+\s+R/.exec(font.dict) : null;
    const stream = toUnicode ? streamOf(objects.get(Number(toUnicode[1]))) : null;
    const cmap = stream ? parseToUnicode(latin1.decode(stream)) : null;
    cmaps.set(fontRef, cmap);
    return cmap;
  };
  const pages: string[] = [];
  for (const obj of objects.values()) {
    if (!/\/Type\s*\/Page(?!s)\b/.test(obj.dict)) continue;
    const resources = subDict(obj.dict, 'Resources', objects) || obj.dict;
    const fontDict = subDict(resources, 'Font', objects);
    const fonts = new Map<string, number>([...fontDict.matchAll(/\/([^\s/<>[\]()]+)\s+(\d+)\s+\d+\s+R/g)].map((m) => [m[1] ?? '', Number(m[2])]));
    const contents = /\/Contents\s+(\[[^\]]*\]|\d+\s+\d+\s+R)/.exec(obj.dict);
    const parts: string[] = [];
    for (const ref of contents ? refs(contents[1] ?? '') : []) {
      const stream = streamOf(objects.get(ref));
      if (!stream) continue;
      let cmap: CMap | null = null;
      const operands: Token[] = [];
      let array: Token[] | null = null;
      for (const t of tokens(latin1.decode(stream))) {
        if (t.kind === 'open') array = [];
        else if (t.kind === 'close') {
          operands.push(...(array ?? []));
          array = null;
        } else if (array) array.push(t);
        else if (t.kind !== 'op') operands.push(t);
        else {
          if (t.value === 'Tf') {
            const name = operands.filter((o) => o.kind === 'name').pop();
            const ref = name?.kind === 'name' ? fonts.get(name.value) : undefined;
            cmap = ref === undefined ? null : cmapOfFont(ref);
          } else if (t.value === 'Tj' || t.value === 'TJ' || t.value === "'" || t.value === '"') {
            parts.push(operands.map((o) => (o.kind === 'str' ? decodeString(o.bytes, cmap) : '')).join(''));
          }
          operands.length = 0;
        }
      }
    }
    pages.push(parts.join(' '));
  }
  return pages;
};
