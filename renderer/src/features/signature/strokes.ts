import type { PointGroup } from 'signature_pad';
import type { SignaturePoint } from '../../data/records';

/** signature_pad's point groups → strokes with times relative to the first point (ms). */
export const toStrokes = (groups: PointGroup[]): SignaturePoint[][] => {
  const t0 = groups[0]?.points[0]?.time ?? 0;
  return groups.map((g) => g.points.map((p) => ({ x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10, t: Math.max(0, Math.round(p.time - t0)), pressure: p.pressure })));
};

export const strokeCount = (strokes: SignaturePoint[][]): number => strokes.filter((s) => s.length > 0).length;
