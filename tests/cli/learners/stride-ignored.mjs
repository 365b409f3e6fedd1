// Bug: maxpool2d sizes its output right but starts window (i, j) at row i and
// column j instead of i·stride and j·stride.
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
          for (let y = i; y < i + kernelSize[0]; y++) for (let x = j; x < j + kernelSize[1]; x++) best = Math.max(best, plane[y][x]);
          return best;
        }),
      ),
    ),
  );
}
