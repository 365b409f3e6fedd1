// The int32 parameter block every wasm call reads its sizes and options
// from. Slot numbers and status codes come from the module (Param, Status).
import { show } from '../options.js';
import { Layout, PadRule, Param, Status, core, heap, statusNames } from './module.js';

let block = 0;
// The block's view, made again only when memory growth has replaced the
// buffer, so a resident call creates no typed array.
let view = null;

const PAD_RULES = { symmetric: 'symmetric', explicit: 'explicit', valid: 'valid', same: 'sameUpper', 'same-lower': 'sameLower' };

/** The block's address, reserved on first use. */
export function paramBlock() {
  if (!block) {
    block = core.allocate(Param.count * 4);
    if (!block) throw new RangeError('out of wasm memory while starting poolgrad');
  }
  return block;
}

function blockView() {
  paramBlock();
  // A detached view (memory grew) has length 0.
  if (view === null || view.length === 0) view = new Int32Array(heap(Int32Array).buffer, block, Param.count);
  return view;
}

/**
 * Fills the block for one call: `input` has planes, channels, h, w; `o` the
 * normalised options (null for max backward, which needs sizes only);
 * `expected` the output [Ho, Wo] the caller allocated for, which the core
 * compares with its own before any kernel writes.
 */
export function writePlan(kind, o, input, expected, dataFormat = o ? o.dataFormat : 'NCHW') {
  const p = blockView();
  p.fill(0);
  p[Param.kind] = kind === 'max' ? 0 : 1;
  p[Param.planes] = input.planes;
  p[Param.channels] = input.channels;
  p[Param.inH] = input.h;
  p[Param.inW] = input.w;
  p[Param.layout] = Layout[dataFormat];
  if (o) {
    p[Param.kernelH] = o.kernel[0];
    p[Param.kernelW] = o.kernel[1];
    p[Param.strideH] = o.stride[0];
    p[Param.strideW] = o.stride[1];
    p[Param.dilationH] = o.dilation[0];
    p[Param.dilationW] = o.dilation[1];
    p[Param.padRule] = PadRule[PAD_RULES[o.padRule]];
    if (o.pads) {
      p[Param.padTop] = o.pads[0];
      p[Param.padBottom] = o.pads[1];
      p[Param.padLeft] = o.pads[2];
      p[Param.padRight] = o.pads[3];
    }
    p[Param.ceilMode] = o.ceilMode ? 1 : 0;
    p[Param.countIncludePad] = o.countIncludePad ? 1 : 0;
    p[Param.hasDivisor] = o.divisorOverride === null ? 0 : 1;
    p[Param.divisor] = o.divisorOverride ?? 0;
    p[Param.indices] = o.returnIndices ? 1 : 0;
  }
  if (expected) {
    p[Param.expectOutH] = expected[0];
    p[Param.expectOutW] = expected[1];
  }
  return p;
}

const REFUSED = {
  badKernelSize: 'kernelSize',
  badStride: 'stride',
  badPadding: 'padding',
  badDilation: 'dilation',
  badOutputSize: 'the output size',
  badDivisor: 'divisorOverride',
  badShape: 'the shape',
  tooLarge: 'the size (too large for wasm memory)',
  badIndices: 'indices',
  badPointer: 'a buffer address',
  badLayout: 'dataFormat',
};

/** Throws for a non-ok status, naming what the core refused, the axis and the value it reported. */
export function check(status, what) {
  if (status === Status.ok) return;
  const p = blockView();
  const name = statusNames[status];
  if (name === 'sizeMismatch') {
    throw new RangeError(
      `${what}: the wasm core computes the output size [${p[Param.outH]}, ${p[Param.outW]}], ` +
        `but poolgrad's JS computed [${p[Param.expectOutH]}, ${p[Param.expectOutW]}]; nothing was written (please report this)`,
    );
  }
  const axis = p[Param.errorAxis];
  const where = axis === 0 ? ' on the height axis' : axis === 1 ? ' on the width axis' : '';
  const refused = REFUSED[name] ?? `status ${show(status)}`;
  throw new RangeError(`${what}: the wasm core refused ${refused}${where} (value ${p[Param.errorValue]})`);
}

