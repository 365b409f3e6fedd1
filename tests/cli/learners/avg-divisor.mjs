// Bug: AvgPooling.backwardInput divides by kH·kH (a square kernel assumed);
// right for the notebook's 3×3 kernel, wrong for rectangular ones.
export { getOutputShape, maxpool2d, MaxPooling } from './right.mjs';
import { AvgPooling as Right } from './right.mjs';

export class AvgPooling extends Right {
  backwardInput(gradOutput) {
    const [n, c, h, w] = this.inputShape;
    const [kh, kw] = this.kernelSize;
    const grad = Array.from({ length: n }, () => Array.from({ length: c }, () => Array.from({ length: h }, () => new Array(w).fill(0))));
    gradOutput.forEach((example, e) =>
      example.forEach((plane, ch) =>
        plane.forEach((row, i) =>
          row.forEach((g, j) => {
            for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) grad[e][ch][i * this.stride[0] + y][j * this.stride[1] + x] += g / (kh * kh);
          }),
        ),
      ),
    );
    return grad;
  }
}
