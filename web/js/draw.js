// Drawing data for the pictures: where each output cell's window lies in
// the (padded) input. Pure geometry, no DOM and no pooling arithmetic.

export const pair = (v, fallback) => (v === undefined || v === null ? [fallback, fallback] : Array.isArray(v) ? v : [v, v]);

/** { kernel, stride, padding, dilation } as [h, w] pairs with PyTorch's defaults. */
export function geometry(options) {
  const kernel = pair(options.kernelSize, 1);
  return {
    kernel,
    stride: pair(options.stride ?? options.kernelSize, 1),
    padding: pair(options.padding, 0),
    dilation: pair(options.dilation, 1),
  };
}

/** Every tap of output cell (oy, ox)'s window: kernel position (ky, kx), input row/col, and whether it lies inside the input. */
export function windowTaps([h, w], options, [oy, ox]) {
  const { kernel: k, stride: s, padding: p, dilation: d } = geometry(options);
  const taps = [];
  for (let ky = 0; ky < k[0]; ky++) {
    for (let kx = 0; kx < k[1]; kx++) {
      const r = oy * s[0] - p[0] + ky * d[0];
      const c = ox * s[1] - p[1] + kx * d[1];
      taps.push({ ky, kx, r, c, inside: r >= 0 && r < h && c >= 0 && c < w });
    }
  }
  return taps;
}


/**
 * The rows and columns a picture must show for input size [h, w] and output
 * size [oh, ow]: the padding ring plus any window tail that ceil mode lets
 * run past it. Returns { r0, r1, c0, c1 } inclusive.
 */
export function drawnExtent([h, w], options, [oh, ow]) {
  const { padding: p } = geometry(options);
  let r0 = 0 - p[0], r1 = h - 1 + p[0], c0 = 0 - p[1], c1 = w - 1 + p[1];
  for (const [oy, ox] of [[0, 0], [oh - 1, ow - 1]]) {
    for (const t of windowTaps([h, w], options, [oy, ox])) {
      r0 = Math.min(r0, t.r); r1 = Math.max(r1, t.r);
      c0 = Math.min(c0, t.c); c1 = Math.max(c1, t.c);
    }
  }
  return { r0, r1, c0, c1 };
}

/** Kind of a drawn cell: 'in' (input), 'pad' (padding ring) or 'out' (beyond it, ceil mode only). */
export function cellKind([h, w], options, r, c) {
  const { padding: p } = geometry(options);
  if (r >= 0 && r < h && c >= 0 && c < w) return 'in';
  if (r >= 0 - p[0] && r < h + p[0] && c >= 0 - p[1] && c < w + p[1]) return 'pad';
  return 'out';
}

/** For each input cell of one plane, the non-zero shares it receives: [{ from: k, value }]. */
export function sharesPerCell(contributions, planeOffset, planeSize, outOffset, outSize) {
  const shares = Array.from({ length: planeSize }, () => []);
  for (let k = outOffset; k < outOffset + outSize; k++) {
    const map = contributions[k];
    for (let i = 0; i < planeSize; i++) {
      const v = map[planeOffset + i];
      if (v !== 0) shares[i].push({ from: k - outOffset, value: v });
    }
  }
  return shares;
}

/** Heat colour weight in [0, 1] for value v given the largest magnitude. */
export const heatWeight = (v, maxAbs) => (maxAbs > 0 ? Math.min(1, Math.abs(v) / maxAbs) : 0);

/**
 * The divisor behind an average-pooling share: gradient g of one output cell
 * sent `share` to an input cell, so share = g / divisor. Divisors are
 * integers (window sizes or divisorOverride), which the rounding restores
 * from float32.
 */
export const avgDivisor = (g, share) => Math.round(g / share);
