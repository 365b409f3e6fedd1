// The notebook's givens (Aufgabe 7 – CNN – Backpropagation: Pooling, cells
// In[5], In[7]/In[9]/In[11], In[13]). Only inputs live here: every expected
// value is computed from them with the poolgrad package.

export const O_0 = [[
  [[1, 2, 3, 4, 5], [2, 3, 5, 4, 4], [5, 1, 2, 3, 1], [4, 6, 0, 2, 1], [1, 2, 1, 0, 1]],
  [[1, 2, 3, 4, 1], [0, 3, 1, 2, 3], [5, 4, 7, 0, 1], [1, 6, 2, 2, 1], [0, 2, 3, 4, 5]],
]];

export const KERNEL = [3, 3];
export const STRIDE = [2, 2];

/** dedo_1 of the max-pooling cells In[11] and In[16]. */
export const MAX_GRAD = [[[[3, 1], [2, 6]], [[1, 2], [5, 8]]]];

/** dedo_1 of the average-pooling cells In[13] and In[17]. */
export const AVG_GRAD = [[[[18, 9], [0, -9]], [[9, 9], [0, -9]]]];

/** The two get_output_shape calls of In[5]; `args` is how many arguments the notebook passes. */
export const OUTPUT_SHAPE_CALLS = [
  { label: 'Output Shape Max Pooling', inputShape: [5, 5], kernelSize: [3, 3], stride: [2, 2], padding: [0, 0], dilation: [1, 1], args: 3 },
  { label: 'Output Shape', inputShape: [10, 11], kernelSize: [3, 4], stride: [2, 1], padding: [0, 2], dilation: [1, 2], args: 5 },
];

/** The max-pooling givens of In[7], In[9], In[11] and In[16] as one case (exercises.js). */
export const MAX_CASE = { input: O_0, kernelSize: KERNEL, stride: STRIDE, gradOutput: MAX_GRAD };

/** The average-pooling givens of In[13] and In[17]: the notebook's input there is random, its gradient's value is not. */
export const AVG_CASE = { input: O_0, kernelSize: KERNEL, stride: STRIDE, gradOutput: AVG_GRAD };
