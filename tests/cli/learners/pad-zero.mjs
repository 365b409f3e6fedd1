// Bug: maxpool2d treats padding as 0 instead of −∞, so all-negative windows
// that touch the padding come out as 0.
export { getOutputShape, MaxPooling, AvgPooling } from './right.mjs';
import { getOutputShape } from './right.mjs';

export function maxpool2d(input, kernelSize, stride = [1, 1], padding = [0, 0], dilation = [1, 1]) {
  const [h, w] = [input[0][0].length, input[0][0][0].length];
  const [ho, wo] = getOutputShape([h, w], kernelSize, stride, padding, dilation);
  return input.map((example) =>
    example.map((plane) =>
      Array.from({ length: ho }, (_, i) =>
        Array.from({ length: wo }, (_, j) => {
          let best = -Infinity;
          for (let ky = 0; ky < kernelSize[0]; ky++)
            for (let kx = 0; kx < kernelSize[1]; kx++) {
              const y = i * stride[0] - padding[0] + ky * dilation[0];
              const x = j * stride[1] - padding[1] + kx * dilation[1];
              const v = y >= 0 && y < h && x >= 0 && x < w ? plane[y][x] : 0;
              best = Math.max(best, v);
            }
          return best;
        }),
      ),
    ),
  );
}
