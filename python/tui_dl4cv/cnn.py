"""`print_tensors` prints as the notebook shows; `interactive_check(name, globals())`
checks the notebook's class for `name` on the notebook's values against poolgrad
and prints the verdict. The full check is `npx poolgrad check`."""
import math

from poolgrad_check.bridge import compute

__all__ = ['print_tensors', 'interactive_check']

# The notebook's input o_0 and gradients (In [7], In [11], In [13]).
O_0 = [[[[1.0, 2.0, 3.0, 4.0, 5.0], [2.0, 3.0, 5.0, 4.0, 4.0], [5.0, 1.0, 2.0, 3.0, 1.0], [4.0, 6.0, 0.0, 2.0, 1.0], [1.0, 2.0, 1.0, 0.0, 1.0]],
        [[1.0, 2.0, 3.0, 4.0, 1.0], [0.0, 3.0, 1.0, 2.0, 3.0], [5.0, 4.0, 7.0, 0.0, 1.0], [1.0, 6.0, 2.0, 2.0, 1.0], [0.0, 2.0, 3.0, 4.0, 5.0]]]]
MAX_GRAD = [[[[3.0, 1.0], [2.0, 6.0]], [[1.0, 2.0], [5.0, 8.0]]]]
AVG_GRAD = [[[[18.0, 9.0], [0.0, -9.0]], [[9.0, 9.0], [0.0, -9.0]]]]
# A second case: overlapping windows (stride 1) and ties.
TIES = [[[[1.0, 3.0, 3.0, 0.0], [3.0, 2.0, 3.0, 1.0], [0.0, 3.0, 1.0, 3.0]]]]
TIES_GRAD = [[[[1.0, -2.0, 3.0], [4.0, 5.0, -6.0]]]]

CHECKS = {
    'maxpool': ('MaxPooling', 'MaxPooling'),
    'avgpool': ('AvgPooling', 'AveragePooling'),
}


def _as_numpy(tensor):
    detach = getattr(tensor, 'detach', None)
    return detach().numpy() if callable(detach) else tensor


def print_tensors(tensors, labels):
    if not isinstance(tensors, (tuple, list)):
        tensors, labels = (tensors,), (labels,)
    for tensor, label in zip(tensors, labels):
        print(f'{label}:')
        print(_as_numpy(tensor))


def _plain(value):
    tolist = getattr(value, 'tolist', None)
    return tolist() if callable(tolist) else value


def _close(expected, actual):
    if isinstance(expected, list):
        return isinstance(actual, (list, tuple)) and len(actual) == len(expected) and all(_close(e, a) for e, a in zip(expected, actual))
    try:
        return math.isclose(float(actual), float(expected), rel_tol=1e-4, abs_tol=1e-4)
    except (TypeError, ValueError):
        return False


def _cases(kind):
    kernel = (3, 3)
    yield 'notebook', O_0, kernel, (2, 2), (MAX_GRAD if kind == 'maxpool' else AVG_GRAD)
    yield 'overlap+ties', TIES, (2, 2), (1, 1), TIES_GRAD


def interactive_check(name, namespace, **kwargs):
    import numpy as np

    if name not in CHECKS:
        print(f"interactive_check: no check named {name!r} here (known: {', '.join(CHECKS)})")
        return
    class_name, title = CHECKS[name]
    print(f"Klasse fuer {title} '{class_name}':")
    layer_class = namespace.get(class_name)
    if not callable(layer_class):
        print(f'  ✘ {class_name} is not defined')
        return
    failures = 0
    for label, values, kernel, stride, grad in _cases(name):
        if name == 'maxpool':
            expected = compute('max_pool2d_layer', input=values, options={'kernelSize': list(kernel), 'stride': list(stride)}, gradOutput=grad)
            parts = [('forward', expected['output']), ('backprop_yx', expected['backpropYX']), ('backward_input', expected['gradInput'])]
        else:
            options = {'kernelSize': list(kernel), 'stride': list(stride)}
            output = compute('avg_pool2d', input=values, options=options)['output']
            grad_input = compute('avg_pool2d_backward', gradOutput=grad, inputShape=[len(values), len(values[0]), len(values[0][0]), len(values[0][0][0])], options=options)['gradInput']
            parts = [('forward', output), ('backward_input', grad_input)]
        try:
            layer = layer_class(kernel_size=kernel, stride=stride)
            actual = {'forward': _plain(layer.forward(np.array(values, dtype=np.float32)))}
            if name == 'maxpool':
                actual['backprop_yx'] = _plain(layer.backprop_yx)
            actual['backward_input'] = _plain(layer.backward_input(np.array(grad, dtype=np.float32)))
        except Exception as error:
            print(f'  ✘ {label}: {type(error).__name__}: {error}')
            failures += 1
            continue
        for part, want in parts:
            if _close(want, actual[part]):
                continue
            failures += 1
            print(f'  ✘ {label}: {part} — erwartet / expected:')
            print(np.array(want, dtype=np.int64 if part == 'backprop_yx' else np.float32))
            print('    erhalten / got:')
            print(actual[part] if not isinstance(actual[part], list) else np.array(actual[part]))
    if failures == 0:
        print('  ✔ richtig / correct (notebook values and a case with overlapping windows and ties)')
