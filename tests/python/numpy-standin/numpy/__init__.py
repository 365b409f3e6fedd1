"""A few lines of NumPy for the runtime's tests only, until the real subset
(python/numpy/) is there: strided views over a flat list, enough for the
notebook's reference solution and the typical bugs."""
import builtins
import math
import random as _random
import struct

float32 = 'float32'
int64 = 'int64'
inf = math.inf
nan = math.nan


def _f32(x):
    return struct.unpack('f', struct.pack('f', x))[0]


def _cast(dtype, x):
    if dtype in ('int', int, 'int64', 'int32'):
        return int(x)
    if dtype in ('float32', float32):
        return _f32(float(x))
    return float(x)


def _norm(dtype):
    return 'int64' if dtype in ('int', int, 'int64', 'int32') else 'float32' if dtype == 'float32' else 'float64'


class ndarray:
    def __init__(self, data, shape, dtype, offset=0, strides=None):
        self._data, self.shape, self.dtype, self._offset = data, tuple(shape), dtype, offset
        if strides is None:
            strides, step = [], 1
            for n in reversed(self.shape):
                strides.insert(0, step)
                step *= n
        self._strides = tuple(strides)

    ndim = property(lambda self: len(self.shape))
    size = property(lambda self: math.prod(self.shape))

    def _flat_positions(self):
        positions = [self._offset]
        for n, s in zip(self.shape, self._strides):
            positions = [p + i * s for p in positions for i in range(n)]
        return positions

    def _values(self):
        return [self._data[p] for p in self._flat_positions()]

    def _key(self, key):
        if not isinstance(key, tuple):
            key = (key,)
        offset, shape, strides = self._offset, [], []
        for axis, n in enumerate(self.shape):
            k = key[axis] if axis < len(key) else slice(None)
            if hasattr(k, '__index__'):
                k = k.__index__()
                if k < 0:
                    k += n
                if not 0 <= k < n:
                    raise IndexError(f'index {k} is out of bounds for axis {axis} with size {n}')
                offset += k * self._strides[axis]
            else:
                start, stop, step = k.indices(n)
                offset += start * self._strides[axis]
                shape.append(len(range(start, stop, step)))
                strides.append(step * self._strides[axis])
        return offset, shape, strides

    def __getitem__(self, key):
        offset, shape, strides = self._key(key)
        if not shape:
            return self._data[offset]
        return ndarray(self._data, shape, self.dtype, offset, strides)

    def __setitem__(self, key, value):
        offset, shape, strides = self._key(key)
        view = ndarray(self._data, shape, self.dtype, offset, strides)
        positions = view._flat_positions()
        values = _broadcast(value, len(positions), shape)
        for p, v in zip(positions, values):
            self._data[p] = _cast(self.dtype, v)

    def _binary(self, other, op):
        a = self._values()
        b = _broadcast(other, len(a), self.shape)
        dtype = self.dtype if self.dtype == getattr(other, 'dtype', self.dtype) or not isinstance(other, ndarray) else 'float64'
        return ndarray([_cast(dtype, op(x, y)) for x, y in zip(a, b)], self.shape, dtype)

    def _inplace(self, other, op):
        positions = self._flat_positions()
        b = _broadcast(other, len(positions), self.shape)
        for p, y in zip(positions, b):
            self._data[p] = _cast(self.dtype, op(self._data[p], y))
        return self

    __add__ = lambda s, o: s._binary(o, lambda x, y: x + y)
    __radd__ = __add__
    __sub__ = lambda s, o: s._binary(o, lambda x, y: x - y)
    __mul__ = lambda s, o: s._binary(o, lambda x, y: x * y)
    __rmul__ = __mul__
    __truediv__ = lambda s, o: s._binary(o, lambda x, y: x / y)
    __iadd__ = lambda s, o: s._inplace(o, lambda x, y: x + y)
    __isub__ = lambda s, o: s._inplace(o, lambda x, y: x - y)

    def astype(self, dtype):
        return ndarray([_cast(dtype, v) for v in self._values()], self.shape, _norm(dtype))

    def max(self, axis=None):
        return builtins.max(self._values())

    def tolist(self):
        values = self._values()

        def build(shape, start):
            if not shape:
                return values[start]
            step = math.prod(shape[1:])
            return [build(shape[1:], start + i * step) for i in range(shape[0])]

        return build(list(self.shape), 0)

    def __repr__(self):
        return f'array({self.tolist()!r})'

    __str__ = __repr__


def _broadcast(value, count, shape):
    if isinstance(value, ndarray):
        if value.size != count:
            raise ValueError(f'could not broadcast input array from shape {value.shape} into shape {tuple(shape)}')
        return value._values()
    if isinstance(value, (list, tuple)):
        flat = list(_flatten(value))
        if len(flat) != count:
            raise ValueError(f'could not broadcast {len(flat)} values into shape {tuple(shape)}')
        return flat
    return [value] * count


def _flatten(v):
    if isinstance(v, (list, tuple)):
        for x in v:
            yield from _flatten(x)
    else:
        yield v


def _shape_of(v):
    return (len(v),) + _shape_of(v[0]) if isinstance(v, (list, tuple)) else ()


def array(values, dtype='float64'):
    if isinstance(values, ndarray):
        return values.astype(dtype)
    dtype = _norm(dtype)
    return ndarray([_cast(dtype, x) for x in _flatten(values)], _shape_of(values), dtype)


def full(shape, value, dtype='float64'):
    shape = (shape,) if isinstance(shape, int) else tuple(shape)
    dtype = _norm(dtype)
    return ndarray([_cast(dtype, value)] * math.prod(shape), shape, dtype)


empty = lambda shape, dtype='float64': full(shape, 0, dtype)
zeros = lambda shape, dtype='float64': full(shape, 0, dtype)
ones = lambda shape, dtype='float64': full(shape, 1, dtype)


def max(a, axis=None):
    return a.max()


def argmax(a, axis=None):
    values = a._values()
    best = 0
    for i, v in enumerate(values):
        if v > values[best]:
            best = i
    return best


def mean(a, axis=None):
    values = a._values()
    return _f32(sum(values) / len(values)) if a.dtype == 'float32' else sum(values) / len(values)


def unravel_index(index, shape):
    out = []
    for n in reversed(shape):
        out.insert(0, index % n)
        index //= n
    return tuple(out)


class random:
    @staticmethod
    def random(shape):
        return ndarray([_random.random() for _ in range(math.prod(shape))], shape, 'float64')
