"""A small NumPy in pure Python for poolgrad's offline checker.

It covers what learners of the pooling notebook plausibly write (see
docs/python.md, "The NumPy subset"); it follows NumPy 1.24's results,
dtypes, type promotion and printing. Anything else raises AttributeError
saying it is not available here.

Data lives in a flat Python list; an ndarray is (list, shape, strides,
offset, dtype), so slicing returns views that write through to the base.
"""
import builtins as _b
import itertools as _it
import math as _math
import operator as _op
from array import array as _pyarray

from . import _print

__version__ = '1.24.2'

inf = _math.inf
nan = _math.nan
pi = _math.pi
e = _math.e
newaxis = None
Inf = Infinity = PINF = inf
NaN = NAN = nan

_CHECKER = "not available in poolgrad's offline checker (a NumPy subset; see docs/python.md)"

_round32 = _print.round32


def _round32_list(values):
    return _pyarray('f', values).tolist()


# ---------------------------------------------------------------- exceptions

class AxisError(ValueError, IndexError):
    pass


class UFuncTypeError(TypeError):
    pass


# ---------------------------------------------------------------- scalar types

class generic:
    pass


class number(generic):
    pass


class integer(number):
    pass


class signedinteger(integer):
    pass


class floating(number):
    pass


def _scalar_props(cls):
    cls.shape = ()
    cls.ndim = 0
    cls.size = 1
    return cls


class _NumpyFloat(float):
    __slots__ = ()

    @property
    def dtype(self):
        return _DT[self._dtname]

    def item(self):
        return float(self)

    def tolist(self):
        return float(self)

    def astype(self, dtype):
        return _DT_OF(dtype).type(self)

    def __repr__(self):
        return _print.float_scalar_repr(float(self), self._dtname == 'float32')

    __str__ = __repr__

    def __getattr__(self, name):
        raise AttributeError('%r object has no attribute %r: it is %s'
                             % ('numpy.' + self._dtname, name, _CHECKER))


class float32(_NumpyFloat, floating):
    __slots__ = ()
    _dtname = 'float32'

    def __new__(cls, x=0.0):
        if isinstance(x, (ndarray, list, tuple)):
            return asarray(x).astype('float32')
        if isinstance(x, str):
            x = float(x)
        return float.__new__(cls, _round32(float(x)))

    def __add__(self, other):
        if type(other) is float32:
            return float.__new__(float32, _round32(float.__add__(self, other)))
        return _scalar_add(self, other)

    def __mul__(self, other):
        if type(other) is float32:
            return float.__new__(float32, _round32(float.__mul__(self, other)))
        return _scalar_mul(self, other)

    def __hash__(self):
        return float.__hash__(self)


class float64(_NumpyFloat, floating):
    __slots__ = ()
    _dtname = 'float64'

    def __new__(cls, x=0.0):
        if isinstance(x, (ndarray, list, tuple)):
            return asarray(x).astype('float64')
        return float.__new__(cls, x)

    __hash__ = float.__hash__


class _NumpyInt(int):
    __slots__ = ()

    @property
    def dtype(self):
        return _DT[self._dtname]

    def item(self):
        return int(self)

    def tolist(self):
        return int(self)

    def astype(self, dtype):
        return _DT_OF(dtype).type(self)

    def __repr__(self):
        return int.__repr__(self)

    __str__ = __repr__

    def __getattr__(self, name):
        raise AttributeError('%r object has no attribute %r: it is %s'
                             % ('numpy.' + self._dtname, name, _CHECKER))


class int64(_NumpyInt, signedinteger):
    __slots__ = ()
    _dtname = 'int64'

    def __new__(cls, x=0):
        if isinstance(x, (ndarray, list, tuple)):
            return asarray(x).astype('int64')
        return int.__new__(cls, int(x))

    __hash__ = int.__hash__


class int32(_NumpyInt, signedinteger):
    __slots__ = ()
    _dtname = 'int32'

    def __new__(cls, x=0):
        if isinstance(x, (ndarray, list, tuple)):
            return asarray(x).astype('int32')
        return int.__new__(cls, _wrap32(int(x)))

    __hash__ = int.__hash__


class bool_(generic):
    """np.bool_(x) gives a Python bool here (it prints and compares alike)."""

    def __new__(cls, x=False):
        if isinstance(x, (ndarray, list, tuple)):
            return asarray(x).astype('bool')
        return bool(x)


for _cls in (float32, float64, int64, int32):
    _scalar_props(_cls)


def _wrap32(v):
    if -2147483648 <= v <= 2147483647:
        return v
    return (v + 2147483648) % 4294967296 - 2147483648


def _wrap64(v):
    if -9223372036854775808 <= v <= 9223372036854775807:
        return v
    return (v + 9223372036854775808) % 18446744073709551616 - 9223372036854775808


# ---------------------------------------------------------------- dtypes

class dtype:
    """np.dtype: compares equal to its name, its scalar type and aliases."""
    __slots__ = ('name', 'kind', 'itemsize', 'type', 'char', '_cat', '_conv')

    def __new__(cls, obj=None, align=False, copy=False):
        return _DT_OF(obj)

    def __repr__(self):
        return "dtype('%s')" % self.name

    def __str__(self):
        return self.name

    def __eq__(self, other):
        try:
            return _DT_OF(other) is self
        except TypeError:
            return False

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return hash(self.name)

    @property
    def str(self):
        return '<' + self.kind + str(self.itemsize) if self.kind != 'b' else '|b1'

    def __getattr__(self, name):
        raise AttributeError("'numpy.dtype' object has no attribute %r: it is %s" % (name, _CHECKER))


def _make_dtype(name, kind, itemsize, typ, char, cat, conv):
    d = object.__new__(dtype)
    d.name, d.kind, d.itemsize, d.type, d.char, d._cat, d._conv = name, kind, itemsize, typ, char, cat, conv
    return d


def _conv_f32(v):
    return _round32(float(v))


def _conv_int64(v):
    return _wrap64(int(v))


def _conv_int32(v):
    return _wrap32(int(v))


_B, _I, _F = 0, 1, 2
_DT = {
    'float32': _make_dtype('float32', 'f', 4, float32, 'f', _F, _conv_f32),
    'float64': _make_dtype('float64', 'f', 8, float64, 'd', _F, float),
    'int32': _make_dtype('int32', 'i', 4, int32, 'i', _I, _conv_int32),
    'int64': _make_dtype('int64', 'i', 8, int64, 'l', _I, _conv_int64),
    'bool': _make_dtype('bool', 'b', 1, bool_, '?', _B, bool),
}
_F32, _F64, _I32, _I64, _BOOL = (_DT[k] for k in ('float32', 'float64', 'int32', 'int64', 'bool'))

float_ = double = float64
single = float32
int_ = intp = int64
bool8 = bool_
_ALIASES = {
    'float32': _F32, 'f4': _F32, 'f': _F32, 'single': _F32, '<f4': _F32,
    'float64': _F64, 'f8': _F64, 'd': _F64, 'float': _F64, 'double': _F64, '<f8': _F64, 'float_': _F64,
    'int32': _I32, 'i4': _I32, 'i': _I32, '<i4': _I32, 'intc': _I32,
    'int64': _I64, 'i8': _I64, 'int': _I64, 'l': _I64, '<i8': _I64, 'int_': _I64, 'intp': _I64, 'long': _I64,
    'bool': _BOOL, '?': _BOOL, 'b1': _BOOL, 'bool_': _BOOL, 'bool8': _BOOL,
}
_TYPE_DT = {float32: _F32, float64: _F64, int32: _I32, int64: _I64, bool_: _BOOL,
            float: _F64, int: _I64, bool: _BOOL}


def _DT_OF(obj):
    if obj is None:
        return _F64
    if type(obj) is dtype:
        return obj
    if isinstance(obj, type):
        d = _TYPE_DT.get(obj)
        if d is not None:
            return d
        raise TypeError('data type %r is %s' % (obj.__name__, _CHECKER))
    if isinstance(obj, str):
        d = _ALIASES.get(obj)
        if d is not None:
            return d
        raise TypeError('data type %r not understood (or %s)' % (obj, _CHECKER))
    if isinstance(obj, ndarray) or isinstance(obj, (float32, float64, int32, int64)):
        return obj.dtype
    raise TypeError('Cannot interpret %r as a data type' % (obj,))


def _promote(a, b):
    if a is b:
        return a
    if a._cat == b._cat:
        return a if a.itemsize >= b.itemsize else b
    if a._cat < b._cat:
        a, b = b, a
    if b._cat == _B:
        return a
    return _F64  # int32/int64 with a float: float64


def result_type(*args):
    return _result_type([_operand(a) for a in args])


def _result_type(ops):
    """NumPy 1.24's value-based promotion: scalars (Python numbers, NumPy
    scalars, 0-d arrays) only widen an array's dtype when they are of a higher
    kind or do not fit."""
    arrays = [o[0] for o in ops if not o[1]]
    if not arrays:
        res = ops[0][0]
        for o in ops[1:]:
            res = _promote(res, o[0])
        return res
    res = arrays[0]
    for d in arrays[1:]:
        res = _promote(res, d)
    scal = [o for o in ops if o[1]]
    if not scal:
        return res
    if _b.max(o[0]._cat for o in scal) > res._cat:
        for o in scal:
            res = _promote(res, o[0])
        return res
    for d, _, v in scal:
        if d._cat == _I and res is _I32 and not -2147483648 <= v <= 2147483647:
            res = _I64
        elif d._cat == _F and res is _F32 and v - v == 0 and _b.abs(v) > 3.4028234663852886e38:
            res = _F64
    return res


def _result_type2(A, B):
    """_result_type for the two operands of a binary operation."""
    da, db = A[0], B[0]
    if da is db:
        return da
    if A[1] == B[1]:
        return _promote(da, db)
    arr, (ds, _, v) = (db, A) if A[1] else (da, B)
    if ds._cat > arr._cat:
        return _promote(arr, ds)
    if ds._cat == _I and arr is _I32 and not -2147483648 <= v <= 2147483647:
        return _I64
    if ds._cat == _F and arr is _F32 and v - v == 0 and _b.abs(v) > 3.4028234663852886e38:
        return _F64
    return arr


def _operand(x):
    """(dtype, scalar_like, value or ndarray) for a binary operation's operand."""
    t = type(x)
    if t is ndarray:
        if x._shape == ():
            return (x._dtype, True, x._data[x._offset])
        return (x._dtype, False, x)
    if t is float:
        return (_F64, True, x)
    if t is int:
        if not -9223372036854775808 <= x <= 9223372036854775807:
            raise OverflowError('Python int too large to convert to C long')
        return (_I64, True, x)
    if t is bool:
        return (_BOOL, True, x)
    if t is float32:
        return (_F32, True, float(x))
    if t is float64:
        return (_F64, True, float(x))
    if t is int64 or t is int32:
        return (_DT[t._dtname], True, int(x))
    if isinstance(x, (list, tuple)):
        return _operand(array(x))
    if isinstance(x, float):
        return (_F64, True, float(x))
    if isinstance(x, int):
        return (_BOOL if isinstance(x, bool) else _I64, True, int(x))
    return None


# ---------------------------------------------------------------- strided storage

def _c_strides(shape):
    strides = []
    s = 1
    for n in reversed(shape):
        strides.append(s)
        s *= n
    return tuple(reversed(strides))


def _prod(seq):
    p = 1
    for n in seq:
        p *= n
    return p


def _row_bases(shape, strides, off):
    bases = [off]
    for k, s in zip(shape[:-1], strides[:-1]):
        if k != 1:
            bases = [b + i * s for b in bases for i in range(k)]
    return bases


def _is_contig(shape, strides):
    expected = 1
    for n, s in zip(reversed(shape), reversed(strides)):
        if n != 1 and s != expected:
            return False
        expected *= n
    return True


def _gather(data, shape, strides, off):
    """The elements of a strided view in C order, as a new list."""
    nd = len(shape)
    if nd == 0:
        return [data[off]]
    size = _prod(shape)
    if size == 0:
        return []
    if _is_contig(shape, strides):
        return data[off:off + size]
    n, st = shape[-1], strides[-1]
    bases = _row_bases(shape, strides, off)
    if n == 1:
        return [data[b] for b in bases]
    out = []
    if st > 0:
        span = n * st
        for b in bases:
            out += data[b:b + span:st]
    elif st == 0:
        for b in bases:
            out += [data[b]] * n
    else:
        span = n * st
        for b in bases:
            end = b + span
            out += data[b:end if end >= 0 else None:st]
    return out


def _scatter(data, shape, strides, off, values):
    """Writes C-ordered values into a strided view."""
    nd = len(shape)
    if nd == 0:
        data[off] = values[0]
        return
    size = len(values)
    if size == 0:
        return
    if _is_contig(shape, strides):
        data[off:off + size] = values
        return
    n, st = shape[-1], strides[-1]
    bases = _row_bases(shape, strides, off)
    if n == 1:
        for b, v in zip(bases, values):
            data[b] = v
        return
    k = 0
    span = n * st
    for b in bases:
        end = b + span
        data[b:end if end >= 0 else None:st] = values[k:k + n]
        k += n


def _broadcast_shapes(*shapes):
    nd = _b.max(len(s) for s in shapes)
    out = []
    for i in range(nd):
        dim = 1
        for s in shapes:
            j = i - nd + len(s)
            if j < 0:
                continue
            n = s[j]
            if n != 1:
                if dim != 1 and dim != n:
                    raise ValueError('operands could not be broadcast together with shapes '
                                     + ''.join(_shape_str(s) + ' ' for s in shapes))
                dim = n
        out.append(dim)
    return tuple(out)


def _shape_str(shape):
    """A shape as NumPy's messages print it: "(2,3)", "(4,)"; a leading
    unknown (-1) dimension is dropped, a later one reads "newaxis"."""
    shape = list(shape)
    n = len(shape)
    while shape and shape[0] < 0:
        shape.pop(0)
    if not shape:
        return '()'
    return '(' + ','.join('newaxis' if d < 0 else str(d) for d in shape) + (',)' if n == 1 else ')')


def _broadcast_values(arr, shape):
    """arr's elements broadcast to shape, in C order."""
    if arr._shape == shape:
        return _gather(arr._data, arr._shape, arr._strides, arr._offset)
    nd = len(shape)
    pad = nd - len(arr._shape)
    strides = [0] * pad
    for n, s, target in zip(arr._shape, arr._strides, shape[pad:]):
        strides.append(s if n == target else 0)
    return _gather(arr._data, shape, tuple(strides), arr._offset)


# ---------------------------------------------------------------- element-wise kernels

def _fdiv(x, y):
    try:
        return x / y
    except ZeroDivisionError:
        if x != x or x == 0:
            return nan
        return _math.copysign(1.0, x) * _math.copysign(1.0, y) * inf


def _ffloordiv(x, y):
    try:
        return x // y
    except ZeroDivisionError:
        return _fdiv(x, y)


def _fmod(x, y):
    try:
        return x % y
    except ZeroDivisionError:
        return nan


def _fpow(x, y):
    try:
        r = _math.pow(x, y)
    except OverflowError:
        r = inf if x > 0 or y % 2 != 1 else -inf
    except ValueError:
        if x == 0:
            r = _math.copysign(inf, x) if y % 2 == 1 else inf
        else:
            r = nan
    return r


def _ifloordiv(x, y):
    return x // y if y else 0


def _imod(x, y):
    return x % y if y else 0


def _ipow(x, y):
    if y < 0:
        raise ValueError('Integers to negative integer powers are not allowed.')
    return x ** y


def _bool_sub(x, y):
    raise TypeError('numpy boolean subtract, the `-` operator, is not supported, use the '
                    'bitwise_xor, the `^` operator, or the logical_xor function instead.')


# name -> (float kernel, fallback for floats, int kernel, int fallback, bool kernel)
_KERNELS = {
    'add': (_op.add, None, _op.add, None, _op.or_),
    'subtract': (_op.sub, None, _op.sub, None, _bool_sub),
    'multiply': (_op.mul, None, _op.mul, None, _op.and_),
    'true_divide': (_op.truediv, _fdiv, None, None, None),
    'floor_divide': (_op.floordiv, _ffloordiv, _op.floordiv, _ifloordiv, _op.floordiv),
    'remainder': (_op.mod, _fmod, _op.mod, _imod, _op.mod),
    'power': (_fpow, None, _ipow, None, _op.pow),
    'maximum': (None, None, _b.max, None, _b.max),
    'minimum': (None, None, _b.min, None, _b.min),
}
_COMPARE = {'less': _op.lt, 'less_equal': _op.le, 'greater': _op.gt,
            'greater_equal': _op.ge, 'equal': _op.eq, 'not_equal': _op.ne}


def _fmax(x, y):
    if x != x:
        return x
    if y != y:
        return y
    return x if x >= y else y


def _fmin(x, y):
    if x != x:
        return x
    if y != y:
        return y
    return x if x <= y else y


_KERNELS['maximum'] = (_fmax, None, _b.max, None, _b.max)
_KERNELS['minimum'] = (_fmin, None, _b.min, None, _b.min)


def _cast_list(values, src, dst):
    if src is dst:
        return values
    if dst is _F32:
        return _round32_list(values)
    if dst is _F64:
        return list(map(float, values))
    if dst._cat == _I:
        if src._cat == _F:
            values = [_float_to_int(v) for v in values]
        else:
            values = list(map(int, values))
        return [_wrap32(v) for v in values] if dst is _I32 else values
    return list(map(bool, values))


def _float_to_int(v):
    if v - v != 0:
        return -9223372036854775808
    return _wrap64(int(v))


def _cast_scalar(v, dst):
    if dst is _F32:
        return _round32(float(v))
    if dst is _F64:
        return float(v)
    if dst._cat == _I:
        v = int(v)
        return _wrap32(v) if dst is _I32 else _wrap64(v)
    return bool(v)


def _apply(fn, fallback, a, b, scalar_a, scalar_b, n):
    """fn over the element pairs; fallback (per element) when fn raises."""
    try:
        if scalar_a and scalar_b:
            return [fn(a, b)]
        if scalar_b:
            return list(map(fn, a, _it.repeat(b, n)))
        if scalar_a:
            return list(map(fn, _it.repeat(a, n), b))
        return list(map(fn, a, b))
    except (ZeroDivisionError, OverflowError, ValueError):
        if fallback is None:
            raise
        return _apply(fallback, None, a, b, scalar_a, scalar_b, n)


def _binary(x, y, name, out=None):
    """A binary ufunc with NumPy's promotion, broadcasting and float32 rounding.
    `out` (in-place operators) receives the result, cast with 'same_kind'."""
    A = _operand(x)
    B = _operand(y)
    if A is None or B is None:
        return NotImplemented
    dt = _result_type2(A, B)
    compare = _COMPARE.get(name)
    if name == 'true_divide' and dt._cat != _F:
        dt = _F64
    sa, sb = A[1], B[1]
    shape_a = () if sa else A[2]._shape
    shape_b = () if sb else B[2]._shape
    if shape_a == shape_b or sb:
        shape = shape_a
    elif sa:
        shape = shape_b
    elif out is None:
        shape = _broadcast_shapes(shape_a, shape_b)
    else:
        try:
            shape = _broadcast_shapes(shape_a, shape_b)
        except ValueError:
            raise ValueError('operands could not be broadcast together with shapes '
                             + ''.join(_shape_str(s) + ' ' for s in (shape_a, shape_b, out._shape))) from None
    n = _prod(shape)
    va = _cast_scalar(A[2], dt) if sa else _cast_list(_broadcast_values(A[2], shape), A[0], dt)
    vb = _cast_scalar(B[2], dt) if sb else _cast_list(_broadcast_values(B[2], shape), B[0], dt)
    if compare is not None:
        res = _apply(compare, None, va, vb, sa, sb, n)
        res_dt = _BOOL
    else:
        kern = _KERNELS[name]
        if dt._cat == _F:
            fn, fb = kern[0], kern[1]
        elif dt._cat == _I:
            fn, fb = kern[2], kern[3]
        else:
            fn, fb = kern[4], None
            if name in ('floor_divide', 'remainder', 'power'):
                dt = _I64
                va = int(va) if sa else list(map(int, va))
                vb = int(vb) if sb else list(map(int, vb))
                fn, fb = kern[2], kern[3]
        res = _apply(fn, fb, va, vb, sa, sb, n)
        res_dt = dt
        if dt is _F32:
            res = _round32_list(res)
        elif dt is _I64:
            res = [_wrap64(v) for v in res] if res and (_b.max(res) > 9223372036854775807
                                                        or _b.min(res) < -9223372036854775808) else res
        elif dt is _I32:
            res = [_wrap32(v) for v in res]
    if out is not None:
        if res_dt._cat > out._dtype._cat:
            raise UFuncTypeError("Cannot cast ufunc %r output from dtype('%s') to dtype('%s') with "
                                 "casting rule 'same_kind'"
                                 % ('divide' if name == 'true_divide' else name, res_dt.name, out._dtype.name))
        if shape != out._shape:
            if _broadcast_shapes(shape, out._shape) != out._shape:
                raise ValueError("non-broadcastable output operand with shape %s doesn't match "
                                 "the broadcast shape %s" % (_shape_str(out._shape),
                                                            _shape_str(_broadcast_shapes(shape, out._shape))))
            tmp = _new(res, shape, res_dt)
            res = _broadcast_values(tmp, out._shape)
        res = _cast_list(res, res_dt, out._dtype)
        _scatter(out._data, out._shape, out._strides, out._offset, res)
        return out
    if sa and sb:
        return _scalar_of(res[0], res_dt)
    return _new(res, shape, res_dt)


def _scalar_of(v, dt):
    if dt is _F32:
        return float.__new__(float32, v)
    if dt is _F64:
        return float.__new__(float64, v)
    if dt is _I64:
        return int.__new__(int64, v)
    if dt is _I32:
        return int.__new__(int32, v)
    return v


def _unary(x, fn_float, fn_int, name, float_only=False):
    a = asarray(x)
    dt = a._dtype
    vals = a._values()
    if dt._cat == _F:
        res = list(map(fn_float, vals))
        if dt is _F32:
            res = _round32_list(res)
    elif float_only:
        dt = _F64
        res = list(map(fn_float, map(float, vals)))
    else:
        if fn_int is None:
            raise TypeError("ufunc %r not supported for the input types" % name)
        res = list(map(fn_int, vals))
        if dt is _BOOL and name != 'absolute':
            dt = _I64
    if a._shape == ():
        return _scalar_of(res[0], dt)
    return _new(res, a._shape, dt)


def _bool_neg(v):
    raise TypeError('The numpy boolean negative, the `-` operator, is not supported, use the '
                    '`~` operator or the logical_not function instead.')


def _ffloor(x):
    if x - x != 0:
        return x
    r = float(_math.floor(x))
    return _math.copysign(r, x) if r == 0 else r


def _fceil(x):
    if x - x != 0:
        return x
    r = float(_math.ceil(x))
    return _math.copysign(r, x) if r == 0 else r


def _fsqrt(x):
    if x < 0:
        return nan
    if x == inf or x != x:
        return x
    return _math.sqrt(x)


def _fexp(x):
    try:
        return _math.exp(x)
    except OverflowError:
        return inf


def _flog(x):
    if x != x or x == inf:
        return x
    if x == 0:
        return -inf
    if x < 0:
        return nan
    return _math.log(x)


# ---------------------------------------------------------------- ndarray

def _new(data, shape, dt, strides=None, offset=0, base=None):
    a = object.__new__(ndarray)
    a._data = data
    a._shape = shape
    a._strides = strides if strides is not None else _c_strides(shape)
    a._offset = offset
    a._dtype = dt
    a._base = base
    return a


def _element_wrapper(dt):
    if dt is _F32:
        return lambda v: float.__new__(float32, v)
    if dt is _F64:
        return lambda v: float.__new__(float64, v)
    if dt is _I64:
        return lambda v: int.__new__(int64, v)
    if dt is _I32:
        return lambda v: int.__new__(int32, v)
    return bool


_INDEX_ERROR = ('only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and '
                'integer or boolean arrays are valid indices')


class ndarray:
    __slots__ = ('_data', '_shape', '_strides', '_offset', '_dtype', '_base')
    __hash__ = None

    def __new__(cls, shape, dtype=float, buffer=None, offset=0, strides=None, order=None):
        return zeros(shape, dtype)

    # -- attributes
    @property
    def shape(self):
        return self._shape

    @shape.setter
    def shape(self, value):
        r = self.reshape(value)
        if r._data is not self._data:
            raise AttributeError('Incompatible shape for in-place modification. Use `.reshape()` '
                                 'to make a copy with the desired shape.')
        self._shape, self._strides = r._shape, r._strides

    @property
    def ndim(self):
        return len(self._shape)

    @property
    def size(self):
        return _prod(self._shape)

    @property
    def dtype(self):
        return self._dtype

    @property
    def itemsize(self):
        return self._dtype.itemsize

    @property
    def nbytes(self):
        return self.size * self._dtype.itemsize

    @property
    def strides(self):
        return tuple(s * self._dtype.itemsize for s in self._strides)

    @property
    def base(self):
        return self._base

    @property
    def T(self):
        return self.transpose()

    @property
    def flat(self):
        return iter(self.ravel())

    def __getattr__(self, name):
        raise AttributeError("'numpy.ndarray' object has no attribute %r: it is %s" % (name, _CHECKER))

    # -- element access
    def _values(self):
        return _gather(self._data, self._shape, self._strides, self._offset)

    def _element(self, index):
        off = self._offset
        for i, s in zip(index, self._strides):
            off += i * s
        v = self._data[off]
        return v

    def _index(self, key):
        """(offset, shape, strides) of the view `key` selects, or a list of
        flat positions for a boolean mask or an integer index array."""
        if type(key) is not tuple:
            key = (key,)
        shape0, strides0 = self._shape, self._strides
        nd = len(shape0)
        if len(key) <= nd:
            off = self._offset
            shape = []
            strides = []
            for k, n, st in zip(key, shape0, strides0):
                t = type(k)
                if t is slice:
                    start, stop, step = k.indices(n)
                    ln = len(range(start, stop, step))
                    if ln:
                        off += start * st
                    shape.append(ln)
                    strides.append(st * step)
                elif t is int or t is int64 or t is int32:
                    i = int(k)
                    if i < 0:
                        i += n
                    if not 0 <= i < n:
                        break
                    off += i * st
                else:
                    break
            else:
                k = len(key)
                return off, tuple(shape) + shape0[k:], tuple(strides) + strides0[k:]
        n_real = 0
        ellipsis = 0
        for k in key:
            if k is Ellipsis:
                ellipsis += 1
            elif k is not None:
                if isinstance(k, ndarray) and k._dtype is _BOOL:
                    n_real += k.ndim
                else:
                    n_real += 1
        if ellipsis > 1:
            raise IndexError("an index can only have a single ellipsis ('...')")
        if n_real > nd:
            raise IndexError('too many indices for array: array is %d-dimensional, but %d were indexed'
                             % (nd, n_real))
        off = self._offset
        shape = []
        strides = []
        ax = 0
        fancy = None
        for k in key:
            if k is None:
                shape.append(1)
                strides.append(0)
                continue
            if k is Ellipsis:
                for _ in range(nd - n_real):
                    shape.append(shape0[ax])
                    strides.append(strides0[ax])
                    ax += 1
                continue
            n, st = shape0[ax], strides0[ax]
            if type(k) is slice:
                start, stop, step = k.indices(n)
                ln = len(range(start, stop, step))
                if ln:
                    off += start * st
                shape.append(ln)
                strides.append(st * step)
                ax += 1
                continue
            if isinstance(k, int) and not isinstance(k, bool):
                i = k
            elif isinstance(k, ndarray) and k._shape == () and k._dtype._cat == _I:
                i = k._data[k._offset]
            elif isinstance(k, (list, ndarray)):
                if fancy is not None:
                    raise IndexError('indexing with several index arrays is ' + _CHECKER)
                fancy = (len(shape), ax, k)
                shape.append(n)
                strides.append(st)
                ax += 1
                if isinstance(k, ndarray) and k._dtype is _BOOL and k.ndim > 1:
                    for _ in range(k.ndim - 1):
                        shape.append(shape0[ax])
                        strides.append(strides0[ax])
                        ax += 1
                continue
            else:
                raise IndexError(_INDEX_ERROR)
            if i < 0:
                i += n
            if not 0 <= i < n:
                raise IndexError('index %d is out of bounds for axis %d with size %d' % (k, ax, n))
            off += i * st
            ax += 1
        while ax < nd:
            shape.append(shape0[ax])
            strides.append(strides0[ax])
            ax += 1
        if fancy is not None:
            return self._fancy(off, shape, strides, fancy)
        return off, tuple(shape), tuple(strides)

    def _fancy(self, off, shape, strides, fancy):
        """Flat positions (C order) and result shape of an index with one
        boolean mask or one integer list."""
        pos, ax, k = fancy
        view_shape = tuple(shape)
        k = asarray(k)
        if k._dtype is _BOOL:
            kd = k.ndim
            if view_shape[pos:pos + kd] != k._shape:
                raise IndexError('boolean index did not match indexed array along dimension %d; '
                                 'dimension is %d but corresponding boolean dimension is %d'
                                 % (ax, view_shape[pos], k._shape[0] if k._shape else 0))
            mask = k._values()
            positions = _gather(list(range(len(self._data))), view_shape, tuple(strides), off)
            inner = _prod(view_shape[pos + kd:])
            outer = _prod(view_shape[:pos])
            block = len(mask) * inner
            flat = []
            for o in range(outer):
                base = o * block
                for j, m in enumerate(mask):
                    if m:
                        flat += positions[base + j * inner: base + (j + 1) * inner]
            count = _b.sum(1 for m in mask if m)
            return flat, view_shape[:pos] + (count,) + view_shape[pos + kd:]
        if k._dtype._cat != _I:
            raise IndexError('arrays used as indices must be of integer (or boolean) type')
        n = view_shape[pos]
        idx = []
        for i in k._values():
            j = i + n if i < 0 else i
            if not 0 <= j < n:
                raise IndexError('index %d is out of bounds for axis %d with size %d' % (i, ax, n))
            idx.append(j)
        st = strides[pos]
        flat = []
        outer_shape = view_shape[:pos]
        inner_shape = view_shape[pos + 1:]
        inner_strides = tuple(strides[pos + 1:])
        for o in (_it.product(*map(range, outer_shape))):
            base = off + _b.sum(i * s for i, s in zip(o, strides[:pos]))
            for j in idx:
                b2 = base + j * st
                flat += _gather(list(range(len(self._data))), inner_shape, inner_strides, b2) \
                    if inner_shape else [b2]
        return flat, outer_shape + k._shape + inner_shape

    def _leading_ints(self, key):
        """Offset after the leading integer indices of a tuple key (NumPy
        integer scalars included), or None if the key holds anything else."""
        off = self._offset
        for k, n, s in zip(key, self._shape, self._strides):
            t = type(k)
            if t is not int:
                if t is int64 or t is int32:
                    k = int(k)
                else:
                    return None
            if k < 0:
                k += n
                if k < 0:
                    return None
            elif k >= n:
                return None
            off += k * s
        return off

    def __getitem__(self, key):
        if type(key) is tuple and len(key) <= len(self._shape) and (not key or type(key[-1]) is not slice):
            off = self._leading_ints(key)
            if off is not None:
                k = len(key)
                if k == len(self._shape):
                    v = self._data[off]
                    dt = self._dtype
                    if dt is _F32:
                        return float.__new__(float32, v)
                    if dt is _I64:
                        return int.__new__(int64, v)
                    if dt is _F64:
                        return float.__new__(float64, v)
                    if dt is _I32:
                        return int.__new__(int32, v)
                    return v
                return _new(self._data, self._shape[k:], self._dtype, self._strides[k:], off,
                            self if self._base is None else self._base)
        r = self._index(key)
        if type(r[0]) is list:
            flat, shape = r
            data = self._data
            return _new([data[i] for i in flat], shape, self._dtype)
        off, shape, strides = r
        if not shape and not (type(key) is tuple and any(k is Ellipsis for k in key)) and key is not Ellipsis:
            return _scalar_of(self._data[off], self._dtype)
        return _new(self._data, shape, self._dtype, strides, off, self if self._base is None else self._base)

    def __setitem__(self, key, value):
        dt = self._dtype
        if type(key) is tuple and len(key) <= len(self._shape):
            off = self._leading_ints(key)
            if off is not None:
                k = len(key)
                if k == len(self._shape):
                    if not isinstance(value, (ndarray, list, tuple)):
                        self._data[off] = _scalar_to_storage(value, dt)
                        return
                shape = self._shape[k:]
                if type(value) is tuple and len(shape) == 1 and len(value) == shape[0]:
                    data = self._data
                    st = self._strides[-1]
                    for v in value:
                        if isinstance(v, (ndarray, list, tuple)):
                            break
                    else:
                        for v in value:
                            data[off] = _scalar_to_storage(v, dt)
                            off += st
                        return
                _scatter(self._data, shape, self._strides[k:], off, _values_for(value, shape, dt))
                return
        r = self._index(key)
        if type(r[0]) is list:
            flat, shape = r
            vals = _values_for(value, shape, dt)
            data = self._data
            for i, v in zip(flat, vals):
                data[i] = v
            return
        off, shape, strides = r
        _scatter(self._data, shape, strides, off, _values_for(value, shape, dt))

    def __len__(self):
        if not self._shape:
            raise TypeError('len() of unsized object')
        return self._shape[0]

    def __iter__(self):
        if not self._shape:
            raise TypeError('iteration over a 0-d array')
        if len(self._shape) == 1:
            wrap = _element_wrapper(self._dtype)
            return iter(list(map(wrap, self._values())))
        return (self[i] for i in range(self._shape[0]))

    def __contains__(self, value):
        return _b.any(v == value for v in self._values())

    # -- conversions
    def _single(self):
        if self.size != 1:
            raise TypeError('only size-1 arrays can be converted to Python scalars')
        return self._data[self._offset] if not self._shape else self._values()[0]

    def __float__(self):
        return float(self._single())

    def __int__(self):
        return int(self._single())

    def __index__(self):
        if self._shape != () or self._dtype._cat != _I:
            raise TypeError('only integer scalar arrays can be converted to a scalar index')
        return self._data[self._offset]

    def __bool__(self):
        if self.size != 1:
            if self.size == 0:
                return False
            raise ValueError('The truth value of an array with more than one element is ambiguous. '
                             'Use a.any() or a.all()')
        return bool(self._values()[0])

    def __repr__(self):
        return _print.array_repr(self)

    def __str__(self):
        return _print.array_str(self)

    def __format__(self, spec):
        if self._shape == ():
            return format(self[()], spec)
        return format(str(self), spec)

    def item(self, *args):
        if args:
            if len(args) == 1 and isinstance(args[0], int):
                vals = self._values()
                if not -len(vals) <= args[0] < len(vals):
                    raise IndexError('index %d is out of bounds for size %d' % (args[0], len(vals)))
                return vals[args[0]]
            return self[args].item()
        if self.size != 1:
            raise ValueError('can only convert an array of size 1 to a Python scalar')
        return self._values()[0]

    def tolist(self):
        vals = self._values()
        shape = self._shape
        if not shape:
            return vals[0]

        def nest(flat, dims):
            if len(dims) == 1:
                return list(flat)
            step = _prod(dims[1:])
            return [nest(flat[i * step:(i + 1) * step], dims[1:]) for i in range(dims[0])]
        return nest(vals, shape)

    def copy(self, order='C'):
        return _new(self._values(), self._shape, self._dtype)

    def __copy__(self):
        return self.copy()

    def __deepcopy__(self, memo):
        return self.copy()

    def astype(self, dtype, order='K', casting='unsafe', copy=True):
        dt = _DT_OF(dtype)
        return _new(_cast_list(self._values(), self._dtype, dt), self._shape, dt)

    def fill(self, value):
        self[...] = value

    def reshape(self, *shape, order='C'):
        if len(shape) == 1 and not isinstance(shape[0], int):
            shape = shape[0]
        shape = _shape_arg(shape)
        size = self.size
        unknown = [i for i, n in enumerate(shape) if n < 0]
        if len(unknown) > 1:
            raise ValueError('can only specify one unknown dimension')
        if unknown:
            known = _prod(n for n in shape if n >= 0)
            if known == 0 or size % known:
                raise ValueError('cannot reshape array of size %d into shape %s'
                                 % (size, _shape_str(shape)))
            shape = tuple(size // known if n < 0 else n for n in shape)
        if _prod(shape) != size:
            raise ValueError('cannot reshape array of size %d into shape %s' % (size, _shape_str(shape)))
        if _is_contig(self._shape, self._strides):
            return _new(self._data, shape, self._dtype, None, self._offset,
                        self if self._base is None else self._base)
        return _new(self._values(), shape, self._dtype)

    def ravel(self, order='C'):
        return self.reshape(-1)

    def flatten(self, order='C'):
        return _new(self._values(), (self.size,), self._dtype)

    def transpose(self, *axes):
        nd = len(self._shape)
        if not axes or axes == (None,):
            axes = tuple(range(nd))[::-1]
        elif len(axes) == 1 and not isinstance(axes[0], int):
            axes = tuple(axes[0])
        axes = tuple(_norm_axis(a, nd) for a in axes)
        if sorted(axes) != list(range(nd)):
            raise ValueError('axes don\'t match array')
        return _new(self._data, tuple(self._shape[a] for a in axes), self._dtype,
                    tuple(self._strides[a] for a in axes), self._offset,
                    self if self._base is None else self._base)

    def swapaxes(self, a1, a2):
        axes = list(range(self.ndim))
        a1, a2 = _norm_axis(a1, self.ndim), _norm_axis(a2, self.ndim)
        axes[a1], axes[a2] = axes[a2], axes[a1]
        return self.transpose(axes)

    # -- reductions as methods
    def max(self, axis=None, out=None, keepdims=False):
        return amax(self, axis, keepdims=keepdims)

    def min(self, axis=None, out=None, keepdims=False):
        return amin(self, axis, keepdims=keepdims)

    def argmax(self, axis=None, out=None, keepdims=False):
        return argmax(self, axis, keepdims=keepdims)

    def argmin(self, axis=None, out=None, keepdims=False):
        return argmin(self, axis, keepdims=keepdims)

    def sum(self, axis=None, dtype=None, out=None, keepdims=False):
        return sum(self, axis, dtype, keepdims=keepdims)

    def mean(self, axis=None, dtype=None, out=None, keepdims=False):
        return mean(self, axis, dtype, keepdims=keepdims)

    def prod(self, axis=None, dtype=None, out=None, keepdims=False):
        return prod(self, axis, dtype, keepdims=keepdims)

    def round(self, decimals=0, out=None):
        return around(self, decimals)

    def squeeze(self, axis=None):
        return squeeze(self, axis)

    def nonzero(self):
        return nonzero(self)

    def clip(self, min=None, max=None):
        return clip(self, min, max)

    def any(self, axis=None, keepdims=False):
        return any(self, axis, keepdims=keepdims)

    def all(self, axis=None, keepdims=False):
        return all(self, axis, keepdims=keepdims)

    # -- operators
    def __add__(self, o):
        return _binary(self, o, 'add')

    def __radd__(self, o):
        return _binary(o, self, 'add')

    def __iadd__(self, o):
        return _binary(self, o, 'add', self)

    def __sub__(self, o):
        return _binary(self, o, 'subtract')

    def __rsub__(self, o):
        return _binary(o, self, 'subtract')

    def __isub__(self, o):
        return _binary(self, o, 'subtract', self)

    def __mul__(self, o):
        return _binary(self, o, 'multiply')

    def __rmul__(self, o):
        return _binary(o, self, 'multiply')

    def __imul__(self, o):
        return _binary(self, o, 'multiply', self)

    def __truediv__(self, o):
        return _binary(self, o, 'true_divide')

    def __rtruediv__(self, o):
        return _binary(o, self, 'true_divide')

    def __itruediv__(self, o):
        return _binary(self, o, 'true_divide', self)

    def __floordiv__(self, o):
        return _binary(self, o, 'floor_divide')

    def __rfloordiv__(self, o):
        return _binary(o, self, 'floor_divide')

    def __ifloordiv__(self, o):
        return _binary(self, o, 'floor_divide', self)

    def __mod__(self, o):
        return _binary(self, o, 'remainder')

    def __rmod__(self, o):
        return _binary(o, self, 'remainder')

    def __imod__(self, o):
        return _binary(self, o, 'remainder', self)

    def __pow__(self, o):
        return _binary(self, o, 'power')

    def __rpow__(self, o):
        return _binary(o, self, 'power')

    def __ipow__(self, o):
        return _binary(self, o, 'power', self)

    def __divmod__(self, o):
        return (_binary(self, o, 'floor_divide'), _binary(self, o, 'remainder'))

    def __lt__(self, o):
        return _binary(self, o, 'less')

    def __le__(self, o):
        return _binary(self, o, 'less_equal')

    def __gt__(self, o):
        return _binary(self, o, 'greater')

    def __ge__(self, o):
        return _binary(self, o, 'greater_equal')

    def __eq__(self, o):
        if o is None:
            return _new([False] * self.size, self._shape, _BOOL)
        try:
            r = _binary(self, o, 'equal')
        except ValueError:  # NumPy 1.24: shapes that do not broadcast compare unequal
            return False
        return False if r is NotImplemented else r

    def __ne__(self, o):
        if o is None:
            return _new([True] * self.size, self._shape, _BOOL)
        try:
            r = _binary(self, o, 'not_equal')
        except ValueError:
            return True
        return True if r is NotImplemented else r

    def __neg__(self):
        return _unary(self, _op.neg, _op.neg if self._dtype is not _BOOL else _bool_neg, 'negative')

    def __pos__(self):
        return self.copy()

    def __abs__(self):
        return absolute(self)


def _scalar_to_storage(value, dt):
    if dt is _F32:
        return _round32(float(value))
    if dt is _F64:
        return float(value)
    if dt._cat == _I:
        if isinstance(value, float) and value - value != 0:
            raise (ValueError('cannot convert float NaN to integer') if value != value
                   else OverflowError('cannot convert float infinity to integer'))
        v = int(value)
        return _wrap32(v) if dt is _I32 else _wrap64(v)
    return bool(value)


def _values_for(value, shape, dt):
    """value (scalar, sequence or array) broadcast to shape, as storage values of dt."""
    n = _prod(shape)
    if isinstance(value, ndarray) or isinstance(value, (list, tuple)):
        src = value if isinstance(value, ndarray) else array(value)
        if shape == () and src.size == 1:
            src = src.reshape(())
        if shape == () and src._shape != ():
            raise ValueError('setting an array element with a sequence.')
        if src._shape != shape:
            try:
                target = _broadcast_shapes(src._shape, shape)
            except ValueError:
                target = None
            if target != shape:
                raise ValueError('could not broadcast input array from shape %s into shape %s'
                                 % (_shape_str(src._shape), _shape_str(shape)))
        vals = _broadcast_values(src, shape)
        if src._dtype._cat == _F and dt._cat == _I:
            for v in vals:
                if v - v != 0:
                    _scalar_to_storage(v, dt)
        return _cast_list(vals, src._dtype, dt)
    return [_scalar_to_storage(value, dt)] * n


def _shape_arg(shape):
    if isinstance(shape, int):
        return (int(shape),)
    try:
        return tuple(_op.index(n) for n in shape)
    except TypeError:
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type([n for n in shape if not isinstance(n, int)][0]).__name__) from None


def _norm_axis(axis, nd):
    try:
        a = _op.index(axis)
    except TypeError:
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(axis).__name__) from None
    if not -nd <= a < nd:
        raise AxisError('axis %d is out of bounds for array of dimension %d' % (a, nd))
    return a + nd if a < 0 else a


# ---------------------------------------------------------------- construction

_PLAIN_NUMBERS = {float, int, bool}


def _infer(obj):
    """(flat values, shape, dtype) of nested sequences / arrays / scalars."""
    if isinstance(obj, ndarray):
        return obj._values(), obj._shape, obj._dtype
    if isinstance(obj, (list, tuple)):
        if not obj:
            return [], (0,), _F64
        kinds = set(map(type, obj))
        if kinds <= _PLAIN_NUMBERS:
            if float in kinds:
                return list(map(float, obj)) if len(kinds) > 1 else list(obj), (len(obj),), _F64
            if int in kinds:
                if _b.max(obj) > 9223372036854775807 or _b.min(obj) < -9223372036854775808:
                    raise OverflowError('Python int too large to convert to C long')
                return list(map(int, obj)) if len(kinds) > 1 else list(obj), (len(obj),), _I64
            return list(obj), (len(obj),), _BOOL
        parts = [_infer(o) for o in obj]
        shape0 = parts[0][1]
        for p in parts:
            if p[1] != shape0:
                raise ValueError('setting an array element with a sequence. The requested array has '
                                 'an inhomogeneous shape after 1 dimensions. The detected shape was '
                                 '(%d,) + inhomogeneous part.' % len(obj))
        dt = parts[0][2]
        for p in parts[1:]:
            if p[2] is not dt:
                dt = _promote(dt, p[2])
        vals = []
        for p in parts:
            vals += _cast_list(p[0], p[2], dt)
        return vals, (len(obj),) + shape0, dt
    if isinstance(obj, bool):
        return [obj], (), _BOOL
    if isinstance(obj, (float32, float64, int32, int64)):
        return [obj.item()], (), obj.dtype
    if isinstance(obj, int):
        if not -9223372036854775808 <= obj <= 9223372036854775807:
            raise OverflowError('Python int too large to convert to C long')
        return [int(obj)], (), _I64
    if isinstance(obj, float):
        return [float(obj)], (), _F64
    if isinstance(obj, str):
        raise TypeError('arrays of strings are ' + _CHECKER)
    if hasattr(obj, '__iter__') and not isinstance(obj, dict):
        return _infer(list(obj))
    raise TypeError('arrays of %s objects are %s' % (type(obj).__name__, _CHECKER))


def array(object, dtype=None, copy=True, order='K', ndmin=0):
    vals, shape, dt = _infer(object)
    if dtype is not None:
        target = _DT_OF(dtype)
        if dt._cat == _F and target._cat == _I:
            for v in vals:
                _scalar_to_storage(v, target)
        vals = _cast_list(vals, dt, target)
        dt = target
    if len(shape) < ndmin:
        shape = (1,) * (ndmin - len(shape)) + shape
    return _new(vals, shape, dt)


def asarray(a, dtype=None, order=None):
    if type(a) is ndarray and (dtype is None or _DT_OF(dtype) is a._dtype):
        return a
    return array(a, dtype)


def _filled(shape, value, dt):
    shape = _shape_arg(shape)
    for n in shape:
        if n < 0:
            raise ValueError('negative dimensions are not allowed')
    return _new([value] * _prod(shape), shape, dt)


def empty(shape, dtype=float, order='C'):
    """Zero-filled (NumPy leaves the memory uninitialised)."""
    dt = _DT_OF(dtype)
    return _filled(shape, _cast_scalar(0, dt), dt)


def zeros(shape, dtype=float, order='C'):
    dt = _DT_OF(dtype)
    return _filled(shape, _cast_scalar(0, dt), dt)


def ones(shape, dtype=None, order='C'):
    dt = _DT_OF(dtype)
    return _filled(shape, _cast_scalar(1, dt), dt)


def full(shape, fill_value, dtype=None, order='C'):
    if dtype is None:
        vals, s, dt = _infer(fill_value)
        if s != ():
            a = empty(shape, dt)
            a[...] = fill_value
            return a
    else:
        dt = _DT_OF(dtype)
    if isinstance(fill_value, (ndarray, list, tuple)):
        a = empty(shape, dt)
        a[...] = fill_value
        return a
    return _filled(shape, _scalar_to_storage(fill_value, dt), dt)


def _like_shape(a, shape):
    a = asarray(a)
    return a._shape if shape is None else shape, a._dtype


def empty_like(prototype, dtype=None, order='K', subok=True, shape=None):
    s, dt = _like_shape(prototype, shape)
    return empty(s, dt if dtype is None else dtype)


def zeros_like(a, dtype=None, order='K', subok=True, shape=None):
    s, dt = _like_shape(a, shape)
    return zeros(s, dt if dtype is None else dtype)


def ones_like(a, dtype=None, order='K', subok=True, shape=None):
    s, dt = _like_shape(a, shape)
    return ones(s, dt if dtype is None else dtype)


def full_like(a, fill_value, dtype=None, order='K', subok=True, shape=None):
    s, dt = _like_shape(a, shape)
    return full(s, fill_value, dt if dtype is None else dtype)


def arange(start, stop=None, step=1, dtype=None):
    if stop is None:
        start, stop = 0, start
    if step == 0:
        raise ZeroDivisionError('division by zero')
    n = _b.max(0, _math.ceil((stop - start) / step))
    is_float = _b.any(isinstance(v, float) for v in (start, stop, step))
    dt = _DT_OF(dtype) if dtype is not None else (_F64 if is_float else _I64)
    if dt._cat == _F:
        vals = [start + i * step for i in range(n)]
        vals = _cast_list(list(map(float, vals)), _F64, dt)
    else:
        vals = [int(start + i * step) for i in range(n)]
    return _new(vals, (n,), dt)


def copy(a, order='K'):
    return asarray(a).copy()


def reshape(a, newshape, order='C'):
    return asarray(a).reshape(newshape)


def ravel(a, order='C'):
    return asarray(a).ravel()


def transpose(a, axes=None):
    return asarray(a).transpose(axes)


def shape(a):
    return asarray(a)._shape


def ndim(a):
    return asarray(a).ndim


def size(a, axis=None):
    a = asarray(a)
    return a.size if axis is None else a._shape[_norm_axis(axis, a.ndim)]


# ---------------------------------------------------------------- reductions

def _groups(a, axis):
    """(list of value lists, result shape, reduced along the last axis?)."""
    nd = len(a._shape)
    ax = _norm_axis(axis, nd)
    perm = [i for i in range(nd) if i != ax] + [ax]
    shape = tuple(a._shape[i] for i in perm)
    strides = tuple(a._strides[i] for i in perm)
    vals = _gather(a._data, shape, strides, a._offset)
    n = a._shape[ax]
    out_shape = shape[:-1]
    if n == 0:
        return [[] for _ in range(_prod(out_shape))], out_shape, ax
    return [vals[k:k + n] for k in range(0, len(vals), n)], out_shape, ax


def _axis_plan(a, axis):
    """(array, axis or None, keepdims shape, reduced count, along the last
    axis?) for reducing a over axis (None, an int or a tuple of ints); several
    axes are moved to the end and merged into one."""
    nd = len(a._shape)
    if axis is None:
        return a, None, (1,) * nd, a.size, True
    if isinstance(axis, tuple):
        axes = [_norm_axis(x, nd) for x in axis]
        if len(set(axes)) != len(axes):
            raise ValueError("duplicate value in 'axis'")
        keep = tuple(1 if i in axes else n for i, n in enumerate(a._shape))
        if len(axes) == 1:
            ax = axes[0]
            return a, ax, keep, a._shape[ax], ax == nd - 1
        count = _prod(a._shape[i] for i in axes)
        if len(axes) == nd:
            return a, None, keep, count, True
        rest = [i for i in range(nd) if i not in axes]
        merged = a.transpose(rest + sorted(axes)).reshape(tuple(a._shape[i] for i in rest) + (count,))
        return merged, len(rest), keep, count, True
    ax = _norm_axis(axis, nd)
    return a, ax, a._shape[:ax] + (1,) + a._shape[ax + 1:], a._shape[ax], ax == nd - 1


def _reduce(a, axis, keepdims, fn, dt_out=None):
    """fn(values, dtype) over each reduced group; a scalar when nothing is left."""
    a = asarray(a)
    dt = dt_out or a._dtype
    src, ax, keep_shape, _, _ = _axis_plan(a, axis)
    if ax is None:
        res, out_shape = [fn(src._values(), src._dtype)], ()
    else:
        groups, out_shape, _ = _groups(src, ax)
        res = [fn(g, src._dtype) for g in groups]
    if keepdims:
        return _new(res, keep_shape, dt)
    if out_shape == ():
        return _scalar_of(res[0], dt)
    return _new(res, out_shape, dt)


def _first_nan(vals):
    for v in vals:
        if v != v:
            return v
    return None


def _vmax(vals, dt, name='maximum'):
    if not vals:
        raise ValueError('zero-size array to reduction operation %s which has no identity' % name)
    if dt._cat == _F:
        s = _b.sum(vals)
        if s != s:
            f = _first_nan(vals)
            if f is not None:
                return f
    # among equal values (0.0 and -0.0) NumPy's loop keeps the last one
    return _b.max(reversed(vals)) if name == 'maximum' else _b.min(reversed(vals))


def _vmin(vals, dt):
    return _vmax(vals, dt, 'minimum')


def amax(a, axis=None, out=None, keepdims=False, initial=None, where=True):
    if axis is None and not keepdims and type(a) is ndarray:
        return _scalar_of(_vmax(a._values(), a._dtype), a._dtype)
    return _reduce(a, axis, keepdims, _vmax)


def amin(a, axis=None, out=None, keepdims=False, initial=None, where=True):
    if axis is None and not keepdims and type(a) is ndarray:
        return _scalar_of(_vmin(a._values(), a._dtype), a._dtype)
    return _reduce(a, axis, keepdims, _vmin)


max = amax
min = amin


def _arg(vals, dt, name):
    if not vals:
        raise ValueError('attempt to get %s of an empty sequence' % name)
    return vals.index(_vmax(vals, dt, 'maximum' if name == 'argmax' else 'minimum'))


def argmax(a, axis=None, out=None, keepdims=False):
    if axis is None and not keepdims and type(a) is ndarray:
        return int.__new__(int64, _arg(a._values(), a._dtype, 'argmax'))
    return _reduce(a, axis, keepdims, lambda v, dt: _arg(v, dt, 'argmax'), _I64)


def argmin(a, axis=None, out=None, keepdims=False):
    return _reduce(a, axis, keepdims, lambda v, dt: _arg(v, dt, 'argmin'), _I64)


def _pairwise(vals, lo, n, rnd):
    """NumPy's pairwise summation (blocks of 8, split above 128 elements);
    rnd rounds each partial sum to the accumulation precision."""
    if n < 8:
        res = 0.0
        for i in range(lo, lo + n):
            res = rnd(res + vals[i])
        return res
    if n <= 128:
        r = vals[lo:lo + 8]
        i = 8
        end = n - n % 8
        while i < end:
            for j in range(8):
                r[j] = rnd(r[j] + vals[lo + i + j])
            i += 8
        res = rnd(rnd(rnd(r[0] + r[1]) + rnd(r[2] + r[3])) + rnd(rnd(r[4] + r[5]) + rnd(r[6] + r[7])))
        while i < n:
            res = rnd(res + vals[lo + i])
            i += 1
        return res
    n2 = n // 2
    n2 -= n2 % 8
    return rnd(_pairwise(vals, lo, n2, rnd) + _pairwise(vals, lo + n2, n - n2, rnd))


def _same(x):
    return x


_PACK32 = _print._F32.pack
_UNPACK32 = _print._F32.unpack


def _pairwise32_small(vals):
    """_pairwise for up to 128 float32 values with the rounding inlined (the
    common window sizes); raises OverflowError where a sum leaves float32."""
    p, u = _PACK32, _UNPACK32
    n = len(vals)
    if n < 8:
        res = 0.0
        for v in vals:
            res = u(p(res + v))[0]
        return res
    r0, r1, r2, r3, r4, r5, r6, r7 = vals[:8]
    i = 8
    end = n - n % 8
    while i < end:
        r0 = u(p(r0 + vals[i]))[0]
        r1 = u(p(r1 + vals[i + 1]))[0]
        r2 = u(p(r2 + vals[i + 2]))[0]
        r3 = u(p(r3 + vals[i + 3]))[0]
        r4 = u(p(r4 + vals[i + 4]))[0]
        r5 = u(p(r5 + vals[i + 5]))[0]
        r6 = u(p(r6 + vals[i + 6]))[0]
        r7 = u(p(r7 + vals[i + 7]))[0]
        i += 8
    a = u(p(u(p(r0 + r1))[0] + u(p(r2 + r3))[0]))[0]
    b = u(p(u(p(r4 + r5))[0] + u(p(r6 + r7))[0]))[0]
    res = u(p(a + b))[0]
    while i < n:
        res = u(p(res + vals[i]))[0]
        i += 1
    return 0.0 + res  # NumPy adds the sum to its identity 0.0: -0.0 becomes 0.0


def _sum_values(vals, acc_dt, pairwise):
    if acc_dt is _F32 and pairwise and len(vals) <= 128:
        try:
            return _pairwise32_small(vals)
        except OverflowError:
            pass
    if acc_dt._cat == _F:
        rnd = _round32 if acc_dt is _F32 else _same
        if pairwise:
            return rnd(0.0 + _pairwise(vals, 0, len(vals), rnd))
        res = 0.0
        for v in vals:
            res = rnd(res + v)
        return res
    s = _b.sum(vals)
    return _wrap32(s) if acc_dt is _I32 else _wrap64(s)


def _sum_dtype(dt, dtype):
    if dtype is not None:
        return _DT_OF(dtype)
    if dt._cat == _B:
        return _I64
    if dt is _I32:
        return _I64
    return dt


def sum(a, axis=None, dtype=None, out=None, keepdims=False, initial=0, where=True):
    a = asarray(a)
    acc = _sum_dtype(a._dtype, dtype)

    last = _axis_plan(a, axis)[4]

    def fn(vals, dt):
        return _sum_values(_cast_list(vals, dt, acc), acc, last)
    return _reduce(a, axis, keepdims, fn, acc)


def mean(a, axis=None, dtype=None, out=None, keepdims=False, where=True):
    a = asarray(a)
    if dtype is not None:
        acc = _DT_OF(dtype)
    elif a._dtype._cat != _F:
        acc = _F64
    else:
        acc = a._dtype
    _, _, _, count, last = _axis_plan(a, axis)
    rnd = _round32 if acc is _F32 else _same

    def fn(vals, dt):
        s = _sum_values(_cast_list(vals, dt, acc), acc, last)
        return rnd(_fdiv(s, float(count)))
    return _reduce(a, axis, keepdims, fn, acc)


def prod(a, axis=None, dtype=None, out=None, keepdims=False, initial=1, where=True):
    a = asarray(a)
    acc = _sum_dtype(a._dtype, dtype)
    rnd = _round32 if acc is _F32 else (_wrap64 if acc is _I64 else _same)

    def fn(vals, dt):
        res = 1.0 if acc._cat == _F else 1
        for v in _cast_list(vals, dt, acc):
            res = rnd(res * v)
        return res
    return _reduce(a, axis, keepdims, fn, acc)


def any(a, axis=None, out=None, keepdims=False):
    return _reduce(a, axis, keepdims, lambda v, dt: _b.any(v), _BOOL)


def all(a, axis=None, out=None, keepdims=False):
    return _reduce(a, axis, keepdims, lambda v, dt: _b.all(v), _BOOL)


# ---------------------------------------------------------------- element-wise functions

def _ufunc2(name):
    def f(x1, x2):
        r = _binary(x1, x2, name)
        if r is NotImplemented:
            raise TypeError("ufunc %r not supported for the input types" % name)
        return r
    f.__name__ = name
    return f


add = _ufunc2('add')
subtract = _ufunc2('subtract')
multiply = _ufunc2('multiply')
divide = true_divide = _ufunc2('true_divide')
floor_divide = _ufunc2('floor_divide')
remainder = mod = _ufunc2('remainder')
power = _ufunc2('power')
maximum = _ufunc2('maximum')
minimum = _ufunc2('minimum')
less = _ufunc2('less')
less_equal = _ufunc2('less_equal')
greater = _ufunc2('greater')
greater_equal = _ufunc2('greater_equal')
equal = _ufunc2('equal')
not_equal = _ufunc2('not_equal')


def _scalar_add(a, b):
    return _binary(a, b, 'add')


def _scalar_mul(a, b):
    return _binary(a, b, 'multiply')


def absolute(x):
    a = asarray(x)
    if a._dtype is _BOOL:
        return a.copy() if a._shape else a._values()[0]
    return _unary(a, _b.abs, _b.abs, 'absolute')


abs = absolute


def negative(x):
    a = asarray(x)
    return _unary(a, _op.neg, _op.neg if a._dtype is not _BOOL else _bool_neg, 'negative')


def floor(x):
    return _unary(x, _ffloor, None, 'floor', float_only=True)


def ceil(x):
    return _unary(x, _fceil, None, 'ceil', float_only=True)


def sqrt(x):
    return _unary(x, _fsqrt, None, 'sqrt', float_only=True)


def exp(x):
    return _unary(x, _fexp, None, 'exp', float_only=True)


def log(x):
    return _unary(x, _flog, None, 'log', float_only=True)


def _rint(x):
    if x - x != 0:
        return x
    r = float(_b.round(x))
    return _math.copysign(r, x) if r == 0 else r


def around(a, decimals=0, out=None):
    """NumPy's rounding: half to even of a * 10**decimals, in a's precision
    (integers in float64, cast back)."""
    x = asarray(a)
    decimals = _op.index(decimals)
    if x._dtype._cat != _F:
        if decimals >= 0:
            return x.copy() if x._shape else x[()]
        f = 10.0 ** -decimals
        res = [int(_rint(v / f) * f) for v in x._values()]
        return _new(res, x._shape, x._dtype) if x._shape else _scalar_of(res[0], x._dtype)
    rnd = _round32 if x._dtype is _F32 else _same
    f = rnd(10.0 ** _b.abs(decimals))
    if decimals >= 0:
        res = [rnd(_fdiv(_rint(rnd(v * f)), f)) for v in x._values()]
    else:
        res = [rnd(_rint(rnd(_fdiv(v, f))) * f) for v in x._values()]
    return _new(res, x._shape, x._dtype) if x._shape else _scalar_of(res[0], x._dtype)


round = round_ = around


def rint(x):
    return _unary(x, _rint, None, 'rint', float_only=True)


set_printoptions = _print.set_printoptions


def get_printoptions():
    return dict(_print.OPTIONS)


class printoptions:
    """with np.printoptions(precision=3): ... restores the options after."""

    def __init__(self, **options):
        self._options = options
        self._saved = None

    def __enter__(self):
        self._saved = dict(_print.OPTIONS)
        set_printoptions(**self._options)
        return get_printoptions()

    def __exit__(self, *exc):
        _print.OPTIONS.clear()
        _print.OPTIONS.update(self._saved)
        return False


def _bool_unary(x, fn):
    a = asarray(x)
    if a._dtype._cat != _F:
        res = [fn is _isfinite] * a.size
    else:
        res = list(map(fn, a._values()))
    if a._shape == ():
        return res[0]
    return _new(res, a._shape, _BOOL)


def _isnan(v):
    return v != v


def _isinf(v):
    return v == inf or v == -inf


def _isfinite(v):
    return v - v == 0


def isnan(x):
    return _bool_unary(x, _isnan)


def isinf(x):
    return _bool_unary(x, _isinf)


def isfinite(x):
    return _bool_unary(x, _isfinite)


def _scalar_value(x):
    return x.item() if isinstance(x, (ndarray, float32, float64, int32, int64)) else x


# The remaining float32/float64/int scalar operators: every one goes through
# _binary so promotion and rounding follow the arrays'.
def _install_scalar_ops():
    pairs = [('add', 'add'), ('sub', 'subtract'), ('mul', 'multiply'), ('truediv', 'true_divide'),
             ('floordiv', 'floor_divide'), ('mod', 'remainder'), ('pow', 'power')]
    cmp = [('lt', 'less'), ('le', 'less_equal'), ('gt', 'greater'), ('ge', 'greater_equal'),
           ('eq', 'equal'), ('ne', 'not_equal')]

    def forward(name):
        def m(self, other):
            if isinstance(other, ndarray):
                return NotImplemented
            return _binary(self, other, name)
        return m

    plain = {'add': _op.add, 'subtract': _op.sub, 'multiply': _op.mul}

    def int64_forward(name):
        fast = plain.get(name)

        def m(self, other):
            t = type(other)
            if fast is not None and (t is int or t is int64):
                return int.__new__(int64, _wrap64(fast(int(self), int(other))))
            if isinstance(other, ndarray):
                return NotImplemented
            return _binary(self, other, name)
        return m

    def float32_forward(name):
        fast = {'subtract': _op.sub, 'true_divide': _op.truediv}.get(name)

        def m(self, other):
            if fast is not None and type(other) is float32 and other:
                return float.__new__(float32, _round32(fast(float(self), float(other))))
            if isinstance(other, ndarray):
                return NotImplemented
            return _binary(self, other, name)
        return m

    def compare(name):
        pyop = _COMPARE[name]

        def m(self, other):
            t = type(other)
            if t is int or t is float or t is int64 or t is float32 or t is float64 or t is int32:
                a = float(self) if isinstance(self, float) else int(self)
                b = float(other) if isinstance(other, float) else int(other)
                return pyop(a, b)
            if isinstance(other, ndarray):
                return NotImplemented
            return _binary(self, other, name)
        return m

    def reflected(name):
        def m(self, other):
            if isinstance(other, ndarray):
                return NotImplemented
            return _binary(other, self, name)
        return m

    for cls in (float32, float64, int32, int64):
        for py, name in pairs:
            if not (cls is float32 and py in ('add', 'mul')):
                maker = int64_forward if cls is int64 else float32_forward if cls is float32 else forward
                setattr(cls, '__%s__' % py, maker(name))
            setattr(cls, '__r%s__' % py, int64_forward(name) if cls is int64 and py in ('add', 'mul') else reflected(name))
        for py, name in cmp:
            setattr(cls, '__%s__' % py, compare(name))
        setattr(cls, '__neg__', lambda self: _scalar_of(-_scalar_value(self), self.dtype)
                if self.dtype._cat != _I else _scalar_of(_wrap64(-int(self)), self.dtype))
        setattr(cls, '__abs__', lambda self: _scalar_of(_b.abs(_scalar_value(self)), self.dtype))
        setattr(cls, '__pos__', lambda self: self)
        setattr(cls, '__divmod__', lambda self, o: (self // o, self % o))
        setattr(cls, '__rdivmod__', lambda self, o: (o // self, o % self))
        cls.__hash__ = float.__hash__ if issubclass(cls, float) else int.__hash__


_install_scalar_ops()


# ---------------------------------------------------------------- other functions

def unravel_index(indices, shape, order='C'):
    shape = _shape_arg(shape)
    size = _prod(shape)
    if isinstance(indices, (ndarray, list, tuple)):
        idx = asarray(indices)
        if idx._dtype._cat != _I:
            raise TypeError("only int indices permitted")
        cols = [[] for _ in shape]
        for v in idx._values():
            for c, x in zip(cols, unravel_index(v, shape)):
                c.append(int(x))
        return tuple(_new(c, idx._shape, _I64) for c in cols)
    if isinstance(indices, float) or not isinstance(indices, int):
        raise TypeError("only int indices permitted")
    i = int(indices)
    if not 0 <= i < size:
        raise ValueError('index %d is out of bounds for array with size %d' % (i, size))
    out = []
    for n in reversed(shape):
        out.append(int.__new__(int64, i % n))
        i //= n
    return tuple(reversed(out))


def ravel_multi_index(multi_index, dims, mode='raise', order='C'):
    dims = _shape_arg(dims)
    flat = 0
    for i, n in zip(multi_index, dims):
        if not 0 <= i < n:
            raise ValueError('invalid entry in coordinates array')
        flat = flat * n + int(i)
    return int.__new__(int64, flat)


def _pad_pairs(pad_width, nd):
    pw = asarray(pad_width)
    if pw._dtype._cat != _I:
        raise TypeError('`pad_width` must be of integral type.')
    vals = pw._values()
    if pw._shape in ((), (1,)):
        pairs = [(vals[0], vals[0])] * nd
    elif pw._shape in ((2,), (1, 2)):
        pairs = [(vals[0], vals[1])] * nd
    elif pw._shape == (nd, 1):
        pairs = [(v, v) for v in vals]
    elif pw._shape == (nd, 2):
        pairs = [(vals[2 * i], vals[2 * i + 1]) for i in range(nd)]
    else:
        raise ValueError('operands could not be broadcast together with remapped shapes '
                         '[original->remapped]: %s  and requested shape (%d,2)' % (_shape_str(pw._shape), nd))
    for p in pairs:
        if p[0] < 0 or p[1] < 0:
            raise ValueError("index can't contain negative values")
    return pairs


def pad(array, pad_width, mode='constant', **kwargs):
    a = asarray(array)
    if mode != 'constant':
        raise NotImplementedError('np.pad mode %r is %s; mode "constant" is available' % (mode, _CHECKER))
    cv = kwargs.pop('constant_values', 0)
    if kwargs:
        raise ValueError("unsupported keyword arguments for mode 'constant': %s" % set(kwargs))
    nd = a.ndim
    pairs = _pad_pairs(pad_width, nd)
    shape = tuple(n + p[0] + p[1] for n, p in zip(a._shape, pairs))
    cvs = asarray(cv)
    if cvs._shape == ():
        before = after = [cvs._values()[0]] * nd
    else:
        cp = _pad_pairs_values(cvs, nd)
        before = [p[0] for p in cp]
        after = [p[1] for p in cp]
    out = zeros(shape, a._dtype)
    for ax in range(nd):
        lo, hi = pairs[ax]
        if lo:
            idx = tuple(slice(None) if i != ax else slice(0, lo) for i in range(nd))
            out[idx] = _scalar_value(before[ax]) if not isinstance(before[ax], ndarray) else before[ax]
        if hi:
            idx = tuple(slice(None) if i != ax else slice(shape[ax] - hi, shape[ax]) for i in range(nd))
            out[idx] = after[ax]
    inner = tuple(slice(p[0], p[0] + n) for p, n in zip(pairs, a._shape))
    out[inner] = a
    return out


def _pad_pairs_values(cv, nd):
    vals = cv._values()
    if cv._shape in ((1,),):
        return [(vals[0], vals[0])] * nd
    if cv._shape in ((2,), (1, 2)):
        return [(vals[0], vals[1])] * nd
    if cv._shape == (nd, 2):
        return [(vals[2 * i], vals[2 * i + 1]) for i in range(nd)]
    if cv._shape == (nd, 1):
        return [(v, v) for v in vals]
    raise ValueError('constant_values of shape %s do not fit an array of %d dimensions'
                     % (_shape_str(cv._shape), nd))


def nonzero(a):
    a = asarray(a)
    if a._shape == ():
        raise ValueError('Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.')
    vals = a._values()
    cols = [[] for _ in a._shape]
    for flat, v in enumerate(vals):
        if v:
            for c, i in zip(cols, unravel_index(flat, a._shape)):
                c.append(int(i))
    return tuple(_new(c, (len(c),), _I64) for c in cols)


def argwhere(a):
    a = asarray(a)
    if a._shape == ():
        return _new([] if not a._values()[0] else [], (int(bool(a._values()[0])), 0), _I64)
    idx = nonzero(a)
    cols = [c._values() for c in idx]
    n = len(cols[0]) if cols else 0
    return _new([col[i] for i in range(n) for col in cols], (n, a.ndim), _I64)


def flatnonzero(a):
    return nonzero(ravel(a))[0]


def count_nonzero(a, axis=None, keepdims=False):
    a = asarray(a)
    if axis is None and not keepdims:
        return _b.sum(1 for v in a._values() if v)
    return _reduce(a, axis, keepdims, lambda v, dt: _b.sum(1 for x in v if x), _I64)


def clip(a, a_min, a_max, out=None):
    if a_min is None and a_max is None:
        raise ValueError('One of max or min must be given')
    r = asarray(a)
    if a_min is not None:
        r = maximum(r, a_min)
    if a_max is not None:
        r = minimum(r, a_max)
    return r


def concatenate(arrays, axis=0, out=None, dtype=None):
    arrs = [asarray(x) for x in arrays]
    if not arrs:
        raise ValueError('need at least one array to concatenate')
    nd = arrs[0].ndim
    if nd == 0:
        raise ValueError('zero-dimensional arrays cannot be concatenated')
    if axis is None:
        arrs = [x.ravel() for x in arrs]
        nd, axis = 1, 0
    ax = _norm_axis(axis, nd)
    first = arrs[0]._shape
    for i, x in enumerate(arrs):
        if x.ndim != nd:
            raise ValueError('all the input arrays must have same number of dimensions, but the array at '
                             'index 0 has %d dimension(s) and the array at index %d has %d dimension(s)'
                             % (nd, i, x.ndim))
        for d in range(nd):
            if d != ax and x._shape[d] != first[d]:
                raise ValueError('all the input array dimensions except for the concatenation axis must '
                                 'match exactly, but along dimension %d, the array at index 0 has size %d '
                                 'and the array at index %d has size %d' % (d, first[d], i, x._shape[d]))
    dt = _DT_OF(dtype) if dtype is not None else arrs[0]._dtype
    if dtype is None:
        for x in arrs[1:]:
            dt = _promote(dt, x._dtype)
    outer = _prod(first[:ax])
    chunks = []
    for x in arrs:
        block = _prod(x._shape[ax:])
        chunks.append((_cast_list(x._values(), x._dtype, dt), block))
    res = []
    for o in range(outer):
        for vals, block in chunks:
            res += vals[o * block:(o + 1) * block]
    shape = first[:ax] + (_b.sum(x._shape[ax] for x in arrs),) + first[ax + 1:]
    return _new(res, shape, dt)


def expand_dims(a, axis):
    a = asarray(a)
    ax = _norm_axis(axis, a.ndim + 1)
    return a.reshape(a._shape[:ax] + (1,) + a._shape[ax:])


def squeeze(a, axis=None):
    a = asarray(a)
    if axis is None:
        axes = [i for i, n in enumerate(a._shape) if n == 1]
    else:
        axes = [_norm_axis(x, a.ndim) for x in (axis if isinstance(axis, tuple) else (axis,))]
        for i in axes:
            if a._shape[i] != 1:
                raise ValueError('cannot select an axis to squeeze out which has size not equal to one')
    keep = [i for i in range(a.ndim) if i not in axes]
    return _new(a._data, tuple(a._shape[i] for i in keep), a._dtype, tuple(a._strides[i] for i in keep),
                a._offset, a if a._base is None else a._base)


def stack(arrays, axis=0, out=None):
    arrs = [asarray(x) for x in arrays]
    if not arrs:
        raise ValueError('need at least one array to stack')
    if _b.any(x._shape != arrs[0]._shape for x in arrs):
        raise ValueError('all input arrays must have the same shape')
    ax = _norm_axis(axis, arrs[0].ndim + 1)
    return concatenate([expand_dims(x, ax) for x in arrs], axis=ax)


def where(condition, x=None, y=None):
    if x is None and y is None:
        return nonzero(condition)
    if x is None or y is None:
        raise ValueError('either both or neither of x and y should be given')
    c = asarray(condition)
    X, Y = _operand(x), _operand(y)
    dt = _result_type([X, Y])
    xa = X[2] if not X[1] else None
    ya = Y[2] if not Y[1] else None
    shape = _broadcast_shapes(c._shape, () if xa is None else xa._shape, () if ya is None else ya._shape)
    n = _prod(shape)
    cv = _broadcast_values(c, shape)
    xv = [_cast_scalar(X[2], dt)] * n if xa is None else _cast_list(_broadcast_values(xa, shape), X[0], dt)
    yv = [_cast_scalar(Y[2], dt)] * n if ya is None else _cast_list(_broadcast_values(ya, shape), Y[0], dt)
    res = [p if k else q for k, p, q in zip(cv, xv, yv)]
    return _new(res, shape, dt)


def ndindex(*shape):
    if len(shape) == 1 and not isinstance(shape[0], int):
        shape = tuple(shape[0])
    return _it.product(*(range(n) for n in _shape_arg(shape)))


def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    x, y = asarray(a), asarray(b)
    shape = _broadcast_shapes(x._shape, y._shape)
    xs = list(map(float, _broadcast_values(x, shape)))
    ys = list(map(float, _broadcast_values(y, shape)))
    res = []
    for p, q in zip(xs, ys):
        if p - p != 0 or q - q != 0:
            res.append(p == q or (equal_nan and p != p and q != q))
        else:
            res.append(_b.abs(p - q) <= atol + rtol * _b.abs(q))
    if shape == ():
        return res[0]
    return _new(res, shape, _BOOL)


def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    r = isclose(a, b, rtol, atol, equal_nan)
    return bool(r) if isinstance(r, bool) else _b.all(r._values())


def array_equal(a1, a2, equal_nan=False):
    try:
        x, y = asarray(a1), asarray(a2)
    except (TypeError, ValueError):
        return False
    if x._shape != y._shape:
        return False
    for p, q in zip(x._values(), y._values()):
        if not (p == q or (equal_nan and p != p and q != q)):
            return False
    return True


from . import random  # noqa: E402,F401  (np.random needs the ndarray helpers above)

_AVAILABLE_REMOVED = {'int': 'int', 'float': 'float', 'bool': 'bool', 'object': 'object'}


def __getattr__(name):
    if name in _AVAILABLE_REMOVED:
        raise AttributeError("module 'numpy' has no attribute %r.\n`np.%s` was a deprecated alias for the "
                             "builtin `%s`, removed in NumPy 1.24; use `%s` or `np.%s_`"
                             % (name, name, name, name, name))
    raise AttributeError("module 'numpy' has no attribute %r: numpy.%s is %s" % (name, name, _CHECKER))
