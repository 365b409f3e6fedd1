// The notebook's own values (tests/fixtures/notebook.json, checked against
// PyTorch), through the package's public entry point; and the checker's one
// home of the notebook's givens (js/checker/notebook.js) agrees with it.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AvgPool2d, MaxPool2d, avgPool2dBackward, format, maxPool2d, outputShape, ready, tensor, toNested } from 'poolgrad';
import { AVG_GRAD, KERNEL, MAX_GRAD, O_0, OUTPUT_SHAPE_CALLS, STRIDE } from 'poolgrad/checker';

const notebook = JSON.parse(readFileSync(new URL('./fixtures/notebook.json', import.meta.url), 'utf8'));

const OPTION_KEYS = ['kernelSize', 'stride', 'padding', 'dilation'];
const optionsOf = (c) => Object.fromEntries(OPTION_KEYS.filter((k) => k in c).map((k) => [k, c[k]]));
const maxOptions = optionsOf(notebook.maxPool);
const avgOptions = optionsOf(notebook.avgPool);

beforeAll(() => ready());

describe('notebook', () => {
  it.each(notebook.outputShape)('output_shape_of_$input_with_kernel_$kernelSize', (c) => {
    expect(outputShape(c.input, optionsOf(c))).toEqual(c.expected);
  });

  it('maxpool_forward_values_and_indices', () => {
    const { output, indices } = maxPool2d(tensor(notebook.maxPool.input), maxOptions);
    expect(toNested(output)).toEqual(notebook.maxPool.output);
    expect(toNested(indices)).toEqual(notebook.maxPool.indices);
  });

  it('backprop_yx_is_position_inside_window', () => {
    const layer = new MaxPool2d(maxOptions);
    layer.forward(tensor(notebook.maxPool.input));
    expect(toNested(layer.backpropYX)).toEqual(notebook.maxPool.backpropYX);
    expect(layer.backpropYX.shape).toEqual([1, 2, 2, 2, 2]);
  });

  it('maxpool_backward_overlapping_windows_add_up_to_16', () => {
    const layer = new MaxPool2d(maxOptions);
    layer.forward(tensor(notebook.maxPool.input));
    const grad = layer.backwardInput(tensor(notebook.maxPool.gradOutput));
    expect(toNested(grad)).toEqual(notebook.maxPool.gradInput);
    expect(grad.data[25 + 12]).toBe(16);
  });

  it('avgpool_backward_does_not_depend_on_input_values', () => {
    const { shape, gradOutput, gradInput } = notebook.avgPool;
    const layer = new AvgPool2d(avgOptions);
    for (const seed of [1, 2]) {
      const x = { data: Float32Array.from({ length: 50 }, (_, i) => Math.sin(i * seed)), shape };
      layer.forward(x);
      expect(toNested(layer.backwardInput(tensor(gradOutput)))).toEqual(gradInput);
    }
    expect(toNested(avgPool2dBackward(tensor(gradOutput), shape, avgOptions))).toEqual(gradInput);
  });

  it('format_prints_like_numpy_print_tensors', () => {
    const { output } = maxPool2d(tensor(notebook.maxPool.input), maxOptions);
    expect(format(output)).toBe('[[[[5. 5.]\n   [6. 3.]]\n\n  [[7. 7.]\n   [7. 7.]]]]');
  });

  it('the_checkers_givens_are_the_notebooks', () => {
    expect(O_0).toEqual(notebook.maxPool.input);
    expect(MAX_GRAD).toEqual(notebook.maxPool.gradOutput);
    expect(AVG_GRAD).toEqual(notebook.avgPool.gradOutput);
    expect({ kernelSize: KERNEL, stride: STRIDE }).toEqual(optionsOf(notebook.maxPool));
    expect(OUTPUT_SHAPE_CALLS.map((c) => [c.inputShape, outputShape(c.inputShape, optionsOf(c))])).toEqual(notebook.outputShape.map((c) => [c.input, c.expected]));
  });
});
