// Compiled with `tsc --noEmit` by tests/types.test.js: the declarations must
// accept the documented uses and reject the wrong ones (@ts-expect-error).
import {
  AvgPool2d, MaxPool2d, alloc, avgPool2d, avgPool2dBackward, format, maxPool2d, maxPool2dBackward,
  outputShape, ready, tensor, type IndexTensor, type Tensor,
} from 'poolgrad';

await ready();
const shape: [number, number] = outputShape([5, 5], { kernelSize: 3, stride: 2 });
const x: Tensor = tensor([[[[1, 2], [3, 4]]]]);
const { output, indices }: { output: Tensor; indices: IndexTensor } = maxPool2d(x, { kernelSize: 2, dilation: [1, 1], ceilMode: true });
const gx: Tensor = maxPool2dBackward(output, indices, x.shape);
const avg: Tensor = avgPool2d(x, { kernelSize: [2, 2], countIncludePad: false, divisorOverride: 3 });
avgPool2dBackward(avg, x.shape, { kernelSize: 2 });
const layer = new MaxPool2d({ kernelSize: 2 });
layer.forward(x);
const yx: IndexTensor | null = layer.backpropYX;
new AvgPool2d({ kernelSize: 2 }).forward(x);
const heap = alloc([1, 1, 2, 2]);
const heapIdx = alloc([1, 1, 1, 1], 'int32');
const out = alloc([1, 1, 1, 1]);
maxPool2d(heap, { kernelSize: 2 }, { output: out, indices: heapIdx });
const f: Float32Array = heap.data;
const i32: Int32Array = heapIdx.data;
heap.free();
const text: string = format(gx);
void [shape, gx, yx, f, i32, text];

// @ts-expect-error kernelSize is required
maxPool2d(x, { stride: 2 });
avgPool2d(x, { kernelSize: 2, dilation: 2 });
// @ts-expect-error countIncludePad belongs to average pooling
maxPool2d(x, { kernelSize: 2, countIncludePad: true });
// @ts-expect-error options are camelCase
maxPool2d(x, { kernel_size: 2 });

// Output targets type the result without a cast.
const target = alloc([1, 1, 1, 1]);
const targetIdx = alloc([1, 1, 1, 1], 'int32');
const both = maxPool2d(heap, { kernelSize: 2 }, { output: target, indices: targetIdx });
const heapOut: typeof target = both.output;
const heapIndices: typeof targetIdx = both.indices;
const onlyOut = maxPool2d(x, { kernelSize: 2 }, { output: target });
const plainIndices: IndexTensor = onlyOut.indices;
const avgInto: typeof target = avgPool2d(x, { kernelSize: 2 }, { output: target });
const gradInto: typeof target = avgPool2dBackward(avg, x.shape, { kernelSize: 2 }, { gradInput: alloc([1, 1, 2, 2]) });
const maxGradInto: typeof target = maxPool2dBackward(output, indices, x.shape, { gradInput: alloc([1, 1, 2, 2]) });
void [heapOut, heapIndices, plainIndices, avgInto, gradInto, maxGradInto];

// The ONNX/TensorFlow conventions.
const nhwc = maxPool2d(x, { kernelSize: 3, stride: 2, padding: 'same', dataFormat: 'NHWC' });
maxPool2dBackward(nhwc.output, nhwc.indices, [1, 2, 2, 1], { dataFormat: 'NHWC' });
const valuesOnly: { output: Tensor } = maxPool2d(x, { kernelSize: 2, returnIndices: false });
avgPool2d(x, { kernelSize: 2, padding: [0, 1, 1, 0], dilation: 2, dataFormat: 'NCHW' });
new MaxPool2d({ kernelSize: 2, padding: 'same-lower', returnIndices: false });
void valuesOnly;
// @ts-expect-error no indices without returnIndices
maxPool2d(x, { kernelSize: 2, returnIndices: false }).indices.data;
// @ts-expect-error three paddings are no form
maxPool2d(x, { kernelSize: 2, padding: [1, 1, 1] });
// @ts-expect-error padding words are lower case
maxPool2d(x, { kernelSize: 2, padding: 'SAME' });
// @ts-expect-error 2-D layouts only
avgPool2d(x, { kernelSize: 2, dataFormat: 'NDHWC' });
// @ts-expect-error returnIndices belongs to max pooling
avgPool2d(x, { kernelSize: 2, returnIndices: false });
// @ts-expect-error a plain result is not a heap tensor
const notHeap: typeof target = avgPool2d(x, { kernelSize: 2 });
void notHeap;
