"""Stand-in for PyTorch, just large enough for the pooling notebook's PyTorch
cells: torch.tensor, torch.rand, torch.float32, Tensor.backward/.grad/.detach/
.numpy, and torch.nn.functional.max_pool2d/avg_pool2d computed by poolgrad
(PyTorch-exact). Anything else raises an error saying so."""
import random as _random
import struct as _struct

__version__ = '0.0-poolgrad-stand-in'


def _unavailable(what):
    return AttributeError(f'{what} is not available in the offline checker: its torch stand-in has only what the notebook\'s PyTorch cells use '
                          '(torch.tensor, torch.rand, torch.float32, F.max_pool2d, F.avg_pool2d, .backward, .grad, .detach, .numpy)')


class dtype:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f'torch.{self.name}'


float32 = dtype('float32')


def _f32(x):
    return _struct.unpack('f', _struct.pack('f', float(x)))[0]


def _nested(values):
    tolist = getattr(values, 'tolist', None)
    if callable(tolist):
        values = tolist()
    if isinstance(values, (list, tuple)):
        return [_nested(v) for v in values]
    if isinstance(values, (int, float)):
        return _f32(values)
    raise TypeError(f'torch.tensor() needs numbers or nested lists of numbers, but got {type(values).__name__}')


def _shape(values):
    return (len(values),) + _shape(values[0]) if isinstance(values, list) and values else ((0,) if values == [] else ())


def _check_dtype(value):
    if value is not None and value is not float32:
        raise _unavailable(f'dtype={value!r}')


class Tensor:
    def __init__(self, values, requires_grad=False, grad_fn=None):
        self._values = values
        self.requires_grad = bool(requires_grad)
        self.grad = None
        self._grad_fn = grad_fn  # takes the gradient (nested lists) and passes it on

    @property
    def shape(self):
        return _shape(self._values)

    def size(self, dim=None):
        return self.shape if dim is None else self.shape[dim]

    def dim(self):
        return len(self.shape)

    @property
    def is_leaf(self):
        return self._grad_fn is None

    dtype = float32

    def detach(self):
        return Tensor(self._values)

    def numpy(self):
        if self.requires_grad:
            raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
        import numpy

        return numpy.array(self._values, dtype=numpy.float32)

    def tolist(self):
        return self._values

    def backward(self, gradient=None):
        if not self.requires_grad:
            raise RuntimeError('element 0 of tensors does not require grad and does not have a grad_fn')
        if gradient is None:
            raise RuntimeError('grad can be implicitly created only for scalar outputs')
        grad = _nested(gradient._values if isinstance(gradient, Tensor) else gradient)
        if _shape(grad) != self.shape:
            raise RuntimeError(f'Mismatch in shape: grad_output[0] has a shape of {_shape(grad)} and output[0] has a shape of {self.shape}.')
        self._receive(grad)

    def _receive(self, grad):
        if self._grad_fn is not None:
            self._grad_fn(grad)
        elif self.requires_grad:
            self.grad = Tensor(grad if self.grad is None else _add(self.grad._values, grad))

    def __repr__(self):
        import numpy

        body = repr(numpy.array(self._values, dtype=numpy.float32))
        body = body[len('array('):-1] if body.startswith('array(') else body
        body = body.replace(', dtype=float32', '').replace('\n      ', '\n       ')
        return f'tensor({body}{", requires_grad=True" if self.requires_grad and self.is_leaf else ""})'

    __str__ = __repr__

    def __getattr__(self, name):
        raise _unavailable(f'torch.Tensor.{name}')


def _add(a, b):
    return [_add(x, y) for x, y in zip(a, b)] if isinstance(a, list) else _f32(a + b)


def tensor(data, dtype=None, requires_grad=False, **kwargs):
    _check_dtype(dtype)
    if kwargs:
        raise _unavailable(f"torch.tensor(…, {', '.join(kwargs)}=…)")
    return Tensor(_nested(data), requires_grad=requires_grad)


def rand(*size, requires_grad=False, dtype=None, **kwargs):
    _check_dtype(dtype)
    if kwargs:
        raise _unavailable(f"torch.rand(…, {', '.join(kwargs)}=…)")
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = tuple(size[0])

    def fill(dims):
        return [fill(dims[1:]) for _ in range(dims[0])] if dims else _f32(_random.random())

    return Tensor(fill(list(size)), requires_grad=requires_grad)


def manual_seed(seed):
    _random.seed(seed)


from . import nn  # noqa: E402  (nn.functional needs Tensor)


def __getattr__(name):
    raise _unavailable(f'torch.{name}')
