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
// @ts-expect-error dilation is not an average-pooling option
avgPool2d(x, { kernelSize: 2, dilation: 2 });
// @ts-expect-error countIncludePad belongs to average pooling
maxPool2d(x, { kernelSize: 2, countIncludePad: true });
// @ts-expect-error options are camelCase
maxPool2d(x, { kernel_size: 2 });
