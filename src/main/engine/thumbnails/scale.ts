/**
 * Pure: an RGBA picture made smaller by averaging each box of source pixels into one (a box filter:
 * no aliasing when shrinking a 12 MP photo to a tile, and one pass over the pixels).
 */
export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** The size that fits within maxSide on its longer side, never larger than the source. */
export function fittedSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const factor = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * factor)), height: Math.max(1, Math.round(height * factor)) };
}

export function shrinkRgba(source: Rgba, maxSide: number): Rgba {
  const { width, height } = fittedSize(source.width, source.height, maxSide);
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    const y0 = Math.floor((y * source.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * source.height) / height));
    for (let x = 0; x < width; x += 1) {
      const x0 = Math.floor((x * source.width) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * source.width) / width));
      averageBox(source, x0, x1, y0, y1, out, (y * width + x) * 4);
    }
  }
  return { width, height, data: out };
}

function averageBox(source: Rgba, x0: number, x1: number, y0: number, y1: number, out: Uint8Array, at: number): void {
  let r = 0;
  let g = 0;
  let b = 0;
  for (let sy = y0; sy < y1; sy += 1) {
    let i = (sy * source.width + x0) * 4;
    for (let sx = x0; sx < x1; sx += 1, i += 4) {
      r += source.data[i];
      g += source.data[i + 1];
      b += source.data[i + 2];
    }
  }
  const n = (x1 - x0) * (y1 - y0);
  out[at] = r / n;
  out[at + 1] = g / n;
  out[at + 2] = b / n;
  out[at + 3] = 255;
}

/**
 * Whether the picture is black but for noise (mean brightness under 2 of 255): what libheif-js hands back
 * for some HEIFs it cannot render (the fixture Canon EOS R5 .HIF comes out black, mean 0.3), shown as the
 * file-type tile rather than a black one. A night photo is far brighter than that.
 */
export function isAllDark(picture: Rgba): boolean {
  let sum = 0;
  for (let i = 0; i < picture.data.length; i += 4) sum += Math.max(picture.data[i], picture.data[i + 1], picture.data[i + 2]);
  return sum / (picture.width * picture.height) < 2;
}
