"""max_pool2d and avg_pool2d with PyTorch's signature, computed by poolgrad."""
from poolgrad_check.bridge import compute


def _pair(value, name):
    if isinstance(value, int):
        return [value, value]
    if isinstance(value, (tuple, list)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return list(value)
    raise TypeError(f'{name} should be an int or a pair of ints, but got {value!r}')


def _input(tensor):
    from torch import Tensor

    if not isinstance(tensor, Tensor):
        raise TypeError(f'input should be a torch.Tensor (made with torch.tensor), but got {type(tensor).__name__}')
    return tensor


def _result(input, values, backward):
    from torch import Tensor

    if not input.requires_grad:
        return Tensor(values)
    return Tensor(values, requires_grad=True, grad_fn=lambda grad: input._receive(backward(grad)))


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    x = _input(input)
    options = {
        'kernelSize': _pair(kernel_size, 'kernel_size'),
        'stride': _pair(kernel_size if stride is None or stride == [] else stride, 'stride'),
        'padding': _pair(padding, 'padding'),
        'dilation': _pair(dilation, 'dilation'),
        'ceilMode': bool(ceil_mode),
    }
    reply = compute('max_pool2d', input=x._values, options=options)
    indices = reply['indices']
    shape = list(x.shape)
    result = _result(x, reply['output'], lambda grad: compute('max_pool2d_backward', gradOutput=grad, indices=indices, inputShape=shape)['gradInput'])
    if return_indices:
        from torch import _unavailable

        raise _unavailable('max_pool2d(…, return_indices=True)')
    return result


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None):
    x = _input(input)
    options = {
        'kernelSize': _pair(kernel_size, 'kernel_size'),
        'stride': _pair(kernel_size if stride is None or stride == [] else stride, 'stride'),
        'padding': _pair(padding, 'padding'),
        'ceilMode': bool(ceil_mode),
        'countIncludePad': bool(count_include_pad),
    }
    if divisor_override is not None:
        options['divisorOverride'] = divisor_override
    reply = compute('avg_pool2d', input=x._values, options=options)
    shape = list(x.shape)
    return _result(x, reply['output'], lambda grad: compute('avg_pool2d_backward', gradOutput=grad, inputShape=shape, options=options)['gradInput'])


def __getattr__(name):
    from torch import _unavailable

    raise _unavailable(f'torch.nn.functional.{name}')
