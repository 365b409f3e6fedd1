// Type declarations for poolgrad: PyTorch-exact 2-D pooling in WebAssembly.

/** A number for both axes, or a pair [h, w]. */
export type Pair = number | readonly [number, number];

/** A row-major float32 tensor, shape [N, C, H, W] or unbatched [C, H, W]. */
export interface Tensor {
  data: Float32Array;
  shape: number[];
}

/** Per output element, the flat position h·W + w of the chosen input element in its plane; -1 for an empty window. */
export interface IndexTensor {
  data: Int32Array;
  shape: number[];
}

/** Anything accepted as an input tensor: plain arrays and other numeric typed arrays are converted. */
export interface TensorLike {
  data: Float32Array | ArrayLike<number> | HeapTensor<'float32'>['data'];
  shape: readonly number[];
}

export interface IndexTensorLike {
  data: Int32Array | ArrayLike<number>;
  shape: readonly number[];
}

export interface PoolOptions {
  /** Required. */
  kernelSize: Pair;
  /** Default: kernelSize. */
  stride?: Pair | null;
  /** Default 0; at most half the kernel size. */
  padding?: Pair;
  /** Use ceil instead of floor for the output size; default false. */
  ceilMode?: boolean;
}

export interface MaxPoolOptions extends PoolOptions {
  /** Default 1. */
  dilation?: Pair;
}

export interface AvgPoolOptions extends PoolOptions {
  /** Count padded positions in the divisor; default true. */
  countIncludePad?: boolean;
  /** A non-zero integer divisor used instead of the window size; default none. */
  divisorOverride?: number | null;
}

/** A tensor living in wasm memory; inputs and outputs without copies. */
export interface HeapTensor<D extends 'float32' | 'int32' = 'float32'> {
  readonly shape: readonly number[];
  readonly dtype: D;
  /** A fresh view on each access (views detach when wasm memory grows). */
  readonly data: D extends 'int32' ? Int32Array : Float32Array;
  /** Byte address in wasm memory; throws once freed. */
  readonly address: number;
  readonly freed: boolean;
  free(): void;
  [Symbol.dispose](): void;
}

/** Loads and instantiates the wasm module once; later calls resolve at once. */
export function ready(): Promise<void>;

/** Output size [Ho, Wo] of a [H, W] plane, as PyTorch computes it. Throws if it would be < 1. */
export function outputShape(inputShape: readonly [number, number], options: MaxPoolOptions & AvgPoolOptions): [number, number];

export function maxPool2d(x: TensorLike | HeapTensor, options: MaxPoolOptions): { output: Tensor; indices: IndexTensor };
export function maxPool2d(
  x: TensorLike | HeapTensor,
  options: MaxPoolOptions,
  into: { output?: HeapTensor; indices?: HeapTensor<'int32'> },
): { output: Tensor | HeapTensor; indices: IndexTensor | HeapTensor<'int32'> };

/** Scatter-adds gradOutput at the forward's indices into zeros of inputShape. */
export function maxPool2dBackward(
  gradOutput: TensorLike | HeapTensor,
  indices: IndexTensorLike | HeapTensor<'int32'>,
  inputShape: readonly number[],
): Tensor;
export function maxPool2dBackward(
  gradOutput: TensorLike | HeapTensor,
  indices: IndexTensorLike | HeapTensor<'int32'>,
  inputShape: readonly number[],
  into: { gradInput?: HeapTensor },
): Tensor | HeapTensor;

export function avgPool2d(x: TensorLike | HeapTensor, options: AvgPoolOptions): Tensor;
export function avgPool2d(x: TensorLike | HeapTensor, options: AvgPoolOptions, into: { output?: HeapTensor }): Tensor | HeapTensor;

/** Average pooling's input gradient; it does not depend on the input values. */
export function avgPool2dBackward(gradOutput: TensorLike | HeapTensor, inputShape: readonly number[], options: AvgPoolOptions): Tensor;
export function avgPool2dBackward(
  gradOutput: TensorLike | HeapTensor,
  inputShape: readonly number[],
  options: AvgPoolOptions,
  into: { gradInput?: HeapTensor },
): Tensor | HeapTensor;

/** Max pooling layer as in the notebook. */
export class MaxPool2d {
  constructor(options: MaxPoolOptions);
  readonly options: Readonly<MaxPoolOptions>;
  forward(x: TensorLike | HeapTensor): Tensor;
  /** The last forward's indices; null before forward. */
  readonly indices: IndexTensor | null;
  /** Shape [..., Ho, Wo, 2]: (y, x) of each maximum relative to its window, in kernel taps; [-1, -1] for an empty window. */
  readonly backpropYX: IndexTensor | null;
  backwardInput(gradOutput: TensorLike | HeapTensor): Tensor;
}

/** Average pooling layer as in the notebook. */
export class AvgPool2d {
  constructor(options: AvgPoolOptions);
  readonly options: Readonly<AvgPoolOptions>;
  forward(x: TensorLike | HeapTensor): Tensor;
  backwardInput(gradOutput: TensorLike | HeapTensor): Tensor;
}

/** Builds a tensor from nested arrays of numbers. */
export function tensor(nested: unknown[], dtype?: 'float32'): Tensor;
export function tensor(nested: unknown[], dtype: 'int32'): IndexTensor;

/** Nested arrays from a tensor (the inverse of `tensor`). */
export function toNested(t: { data: ArrayLike<number>; shape: readonly number[] }): unknown[];

/** Prints a tensor the way NumPy's print(array) does. */
export function format(t: { data: ArrayLike<number>; shape: readonly number[] }): string;

/** An uninitialised tensor in wasm memory, 64-byte aligned. Free it with free() or `using`. */
export function alloc(shape: readonly number[], dtype?: 'float32'): HeapTensor<'float32'>;
export function alloc(shape: readonly number[], dtype: 'int32'): HeapTensor<'int32'>;

/** Diagnostics: wasm memory size, bytes malloc'ed, live alloc() tensors. */
export function memoryStats(): { heapBytes: number; bytesInUse: number; liveTensors: number; scratchBytes: number; simd: boolean };
