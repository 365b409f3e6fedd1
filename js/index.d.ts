// Type declarations for poolgrad: 2-D pooling in WebAssembly, PyTorch-exact,
// with the ONNX and TensorFlow conventions as options.

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

/** PyTorch's padding (a number or [h, w], at most half the kernel), ONNX's
 * pads as [top, bottom, left, right] (any value ≥ 0), or ONNX auto_pad /
 * TensorFlow padding: "valid", "same" (extra at the end, SAME_UPPER),
 * "same-lower" (SAME_LOWER); the words ignore ceilMode, as in ONNX. */
export type Padding = Pair | readonly [number, number, number, number] | 'valid' | 'same' | 'same-lower';

/** "NCHW" (default): [N, C, H, W] / [C, H, W]; "NHWC": [N, H, W, C] / [H, W, C]. */
export type DataFormat = 'NCHW' | 'NHWC';

export interface PoolOptions {
  /** Required. */
  kernelSize: Pair;
  /** Default: kernelSize. */
  stride?: Pair | null;
  /** Default 0. */
  padding?: Padding;
  /** Default 1 (ONNX dilations; average pooling too). */
  dilation?: Pair;
  /** Use ceil instead of floor for the output size; default false. */
  ceilMode?: boolean;
  /** Default "NCHW". */
  dataFormat?: DataFormat;
}

export interface MaxPoolOptions extends PoolOptions {
  /** Default true; false returns { output } only, from kernels that do no index work. */
  returnIndices?: boolean;
}

export interface AvgPoolOptions extends PoolOptions {
  /** Count padded positions in the divisor; default true. */
  countIncludePad?: boolean;
  /** A non-zero integer divisor used instead of the window size; default none. */
  divisorOverride?: number | null;
}

// Symbol.dispose without requiring TypeScript's esnext.disposable lib (the
// same declaration the lib has, so both merge).
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
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
  /** Present where the engine has Symbol.dispose (`using x = alloc(…)`). */
  [Symbol.dispose](): void;
}

/** Loads and instantiates the wasm module once; later calls resolve at once. */
export function ready(): Promise<void>;

/** Output size [Ho, Wo] of a [H, W] plane, as PyTorch (or, for the ONNX padding forms, ONNX) computes it. Throws if it would be < 1. */
export function outputShape(inputShape: readonly [number, number], options: MaxPoolOptions & AvgPoolOptions): [number, number];

/** Output targets of maxPool2d: alloc() tensors of the output's shape. */
export interface MaxPoolInto {
  output?: HeapTensor;
  indices?: HeapTensor<'int32'>;
}
/** A target's type where one was given, else the plain result type. */
type Target<T, K extends string, Given, Plain> = T extends { [key in K]: Given } ? Given : Plain;

export function maxPool2d<T extends MaxPoolInto = {}>(
  x: TensorLike | HeapTensor,
  options: MaxPoolOptions & { returnIndices?: true },
  into?: T,
): { output: Target<T, 'output', HeapTensor, Tensor>; indices: Target<T, 'indices', HeapTensor<'int32'>, IndexTensor> };
export function maxPool2d<T extends { output?: HeapTensor } = {}>(
  x: TensorLike | HeapTensor,
  options: MaxPoolOptions & { returnIndices: false },
  into?: T,
): { output: Target<T, 'output', HeapTensor, Tensor> };
export function maxPool2d(
  x: TensorLike | HeapTensor,
  options: MaxPoolOptions,
  into?: MaxPoolInto,
): { output: Tensor | HeapTensor; indices?: IndexTensor | HeapTensor<'int32'> };

/** Targets of the backward passes; maxPool2dBackward also takes the forward's dataFormat here. */
export interface GradInto {
  gradInput?: HeapTensor;
}

/** Scatter-adds gradOutput at the forward's indices into zeros of inputShape. */
export function maxPool2dBackward<T extends GradInto = {}>(
  gradOutput: TensorLike | HeapTensor,
  indices: IndexTensorLike | HeapTensor<'int32'>,
  inputShape: readonly number[],
  into?: T & { dataFormat?: DataFormat },
): Target<T, 'gradInput', HeapTensor, Tensor>;

export function avgPool2d<T extends { output?: HeapTensor } = {}>(
  x: TensorLike | HeapTensor,
  options: AvgPoolOptions,
  into?: T,
): Target<T, 'output', HeapTensor, Tensor>;

/** Average pooling's input gradient; it does not depend on the input values. */
export function avgPool2dBackward<T extends GradInto = {}>(
  gradOutput: TensorLike | HeapTensor,
  inputShape: readonly number[],
  options: AvgPoolOptions,
  into?: T,
): Target<T, 'gradInput', HeapTensor, Tensor>;

/** Max pooling layer as in the notebook. */
export class MaxPool2d {
  constructor(options: MaxPoolOptions);
  readonly options: Readonly<MaxPoolOptions>;
  forward(x: TensorLike | HeapTensor): Tensor;
  /** The last forward's indices; null before forward or with returnIndices: false. */
  readonly indices: IndexTensor | null;
  /** Shape [..., Ho, Wo, 2] (NHWC: [..., Ho, Wo, C, 2]): (y, x) of each maximum relative to its window, in kernel taps; [-1, -1] for an empty window. */
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

/**
 * Diagnostics for finding leaks: wasm memory size (heapBytes), bytes malloc'ed
 * inside it without the kept scratch blocks (bytesInUse), alloc() tensors not
 * yet freed (liveTensors), the kept scratch blocks (scratchBytes), and whether
 * the SIMD build runs (simd).
 */
export function memoryStats(): { heapBytes: number; bytesInUse: number; liveTensors: number; scratchBytes: number; simd: boolean };
