// Bug: getOutputShape rounds up (Math.ceil) instead of down; the notebook's
// own two calls happen to come out right.
export { maxpool2d, MaxPooling, AvgPooling } from './right.mjs';

export function getOutputShape(inputShape, kernelSize, stride = [1, 1], padding = [0, 0], dilation = [1, 1]) {
  const size = (axis) =>
    Math.ceil((inputShape[axis] + 2 * padding[axis] - dilation[axis] * (kernelSize[axis] - 1) - 1) / stride[axis]) + 1;
  return [size(0), size(1)];
}
