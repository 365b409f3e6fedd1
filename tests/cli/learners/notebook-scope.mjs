// The notebook's own solution translated line by line, including its asserts:
// maxpool2d refuses padding and dilation ("Not implemented"), as the notebook
// tells learners to. It must pass the default (notebook) level.
export { MaxPooling, AvgPooling } from './right.mjs';

export function getOutputShape(inputShape, kernelSize, stride = [1, 1], padding = [0, 0], dilation = [1, 1]) {
  const hOut = (inputShape[0] + 2 * padding[0] - dilation[0] * (kernelSize[0] - 1) - 1) / stride[0] + 1;
  const wOut = (inputShape[1] + 2 * padding[1] - dilation[1] * (kernelSize[1] - 1) - 1) / stride[1] + 1;
  return [Math.trunc(hOut), Math.trunc(wOut)];
}

export function maxpool2d(input, kernelSize, stride = [1, 1], padding = [0, 0], dilation = [1, 1]) {
  if (padding[0] !== 0 || padding[1] !== 0) throw new Error('Not implemented');
  if (dilation[0] !== 1 || dilation[1] !== 1) throw new Error('Not implemented');
  const [nExamples, nChannels, hIn, wIn] = [input.length, input[0].length, input[0][0].length, input[0][0][0].length];
  const [hKernel, wKernel] = kernelSize;
  const [hStride, wStride] = stride;
  const [hOut, wOut] = getOutputShape([hIn, wIn], [hKernel, wKernel], stride, padding, dilation);
  const output = [];
  for (let ex = 0; ex < nExamples; ex++) {
    output.push([]);
    for (let ch = 0; ch < nChannels; ch++) {
      output[ex].push([]);
      for (let i = 0; i < hOut; i++) {
        output[ex][ch].push([]);
        for (let j = 0; j < wOut; j++) {
          const rows = input[ex][ch].slice(i * hStride, i * hStride + hKernel);
          const window = rows.map((row) => row.slice(j * wStride, j * wStride + wKernel));
          output[ex][ch][i].push(Math.max(...window.flat()));
        }
      }
    }
  }
  return output;
}
