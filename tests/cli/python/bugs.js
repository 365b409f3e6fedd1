// The typical bugs of the check tests, each the reference solution
// (reference.py) with one replacement. They are made at test time so they
// follow the reference; a replacement that no longer applies throws.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// name → [what to replace in reference.py, replacement]
export const BUG_REPLACEMENTS = {
  'ties-last': ['idx_max = np.argmax(input_window, axis=None)', 'idx_max = input_window.size - 1 - np.argmax(input_window[::-1, ::-1], axis=None)'],
  overwrite: ['input_tensor_grad_window[y_max,x_max]+=grad_value', 'input_tensor_grad_window[y_max,x_max]=grad_value'],
  'avg-divisor': ['grad_value/(h_kernel*w_kernel)', 'grad_value/(h_kernel+w_kernel)'],
  rounding: ['return int(h_out), int(w_out)', 'import math\n    return math.ceil(h_out), math.ceil(w_out)'],
  'stride-ignored': ['vertical = slice(i*h_stride, i*h_stride+h_kernel) # bitte Code ergaenzen <---------------- [Luecke (4)]', 'vertical = slice(i, i+h_kernel)'],
  'yx-absolute': ['self.backprop_yx[ex,ch,i,j]=(y_max,x_max)', 'self.backprop_yx[ex,ch,i,j]=(y_max+i*h_stride,x_max+j*w_stride)'],
  throws: [
    "        input_tensor_grad = np.zeros(self.input_tensor_shape, dtype='float32')\n\n        # Gradienten bestimmen\n        for ex in range(0, n_examples):\n            # fuer jedes Beispiel im Batch\n\n            for ch in range(0, n_channels):\n                # fuer jeden Channel\n\n                for i in range(0, h_output_grad):\n                    # fuer jede y-Position i der Hoehe der Feature Map\n\n                    for j in range(0, w_output_grad):\n                        # fuer jede x-Position j der Breite der Feature Map\n\n                        # Slices `vertical` und `horizontal` fuer relevanten Teil in der\n                        # Feature Map ausgehend von aktueller Position i und j bestimmen\n                        vertical = slice(i*h_stride, i*h_stride+h_kernel) # bitte Code ergaenzen <---------------- [Luecke (16)]",
    "        raise NotImplementedError('backward_input kommt noch')\n        input_tensor_grad = None\n        if True:\n            if True:\n                if True:\n                    if True:\n                        vertical = None",
  ],
  endless: ['        # leeren Tensor fuer Gradienten allokieren (alle Werte auf Null)', '        while True:\n            pass\n        # leeren Tensor fuer Gradienten allokieren (alle Werte auf Null)'],
  memory: ['        # Groesse speichern\n        self.input_tensor_shape = input_tensor.shape\n\n        # Groessen', '        # Groesse speichern\n        self.input_tensor_shape = input_tensor.shape\n        scratch = [0.0] * (10 ** 9)\n\n        # Groessen'],
};

export const referenceSolution = () => readFileSync(new URL('./reference.py', import.meta.url), 'utf8');

/** The reference solution with bug `name`'s one replacement. */
export function bugVariant(name, reference = referenceSolution()) {
  const replacement = BUG_REPLACEMENTS[name];
  if (!replacement) throw new Error(`bug should be one of ${Object.keys(BUG_REPLACEMENTS).join(', ')}, but got ${name}`);
  const [from, to] = replacement;
  const count = reference.split(from).length - 1;
  if (count !== 1) throw new Error(`bug ${name}: "${from.slice(0, 50)}" should occur once in reference.py, but occurs ${count} times`);
  const variant = reference.replace(from, () => to);
  if (variant === reference) throw new Error(`bug ${name}: the replacement leaves reference.py unchanged`);
  return variant;
}

/** Writes NAME.py for every bug (or the given names) into `dir` (a new temp folder by default); returns the folder. */
export function writeBugVariants(dir = mkdtempSync(join(tmpdir(), 'poolgrad-py-bugs-')), names = Object.keys(BUG_REPLACEMENTS)) {
  const reference = referenceSolution();
  for (const name of names) writeFileSync(join(dir, `${name}.py`), bugVariant(name, reference));
  return dir;
}
