"""How NumPy 1.24 prints arrays and scalars (numpy/core/arrayprint.py,
floatmode 'maxprec'), reimplemented on plain Python floats. OPTIONS holds
what np.set_printoptions may change."""
import math
import struct

_F32 = struct.Struct('f')
DEFAULTS = {'precision': 8, 'threshold': 1000, 'edgeitems': 3, 'linewidth': 75, 'suppress': False}
OPTIONS = dict(DEFAULTS)


def round32(x):
    try:
        return _F32.unpack(_F32.pack(x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)


def shortest_sci(x, is32):
    """The shortest scientific string ('d.ddde+XX') that reads back as x
    (as a float32 when is32): Dragon4's unique digits."""
    if is32:
        for p in range(9):
            s = '%.*e' % (p, x)
            if round32(float(s)) == x:
                return s
        return '%.8e' % x
    r = repr(abs(x)).split('e')[0].replace('.', '').strip('0')
    return '%.*e' % (max(len(r), 1) - 1, x)


def _digits(x, is32):
    """(negative, digits, exponent) of x's shortest form: x = d.ddd * 10**exponent."""
    s = shortest_sci(x, is32)
    mant, exp = s.split('e')
    neg = mant.startswith('-')
    return neg, mant.lstrip('-').replace('.', ''), int(exp)


def positional(x, is32, precision):
    """dragon4_positional(x, precision, unique=True, fractional=True, trim='.')."""
    neg, digits, exp = _digits(x, is32)
    if exp >= 0:
        int_part = (digits[:exp + 1]).ljust(exp + 1, '0')
        frac = digits[exp + 1:]
    else:
        int_part = '0'
        frac = '0' * (-exp - 1) + digits
    frac = frac.rstrip('0')
    if len(frac) > precision:
        int_part, frac = ('%.*f' % (precision, abs(x))).split('.')
        frac = frac.rstrip('0')
    return ('-' if neg else '') + int_part + '.' + frac


def scientific(x, is32, precision):
    """dragon4_scientific(x, precision, unique=True, trim='.') split into
    (mantissa, exponent digits with sign)."""
    neg, digits, exp = _digits(x, is32)
    if len(digits) > precision + 1:
        s = '%.*e' % (precision, abs(x))
        m, e = s.split('e')
        digits, exp = m.replace('.', '').rstrip('0') or '0', int(e)
    digits = digits.rstrip('0') or '0'
    mant = ('-' if neg else '') + digits[0] + '.' + digits[1:]
    return mant, exp


def _exp_str(exp, width):
    return ('-' if exp < 0 else '+') + str(abs(exp)).rjust(width, '0')


def float_formatter(values, is32):
    """NumPy's FloatingFormat for the shown values: one fixed width for all."""
    digits = OPTIONS['precision']
    finite = [v for v in values if v - v == 0]
    nonzero = [abs(v) for v in finite if v != 0]
    exp_format = False
    if nonzero:
        hi, lo = max(nonzero), min(nonzero)
        ratio = hi / lo if lo else math.inf
        if is32:
            ratio = round32(ratio)
        if hi >= 1e8 or (not OPTIONS['suppress'] and (lo < 0.0001 or ratio > 1000.)):
            exp_format = True
    if not finite:
        pad_left = pad_right = 0
        precision = 0
        exp_size = -1
    elif exp_format:
        parts = [scientific(v, is32, digits) for v in finite]
        exp_size = max(len(str(abs(e))) for _, e in parts)
        exp_size = max(exp_size, 2)
        precision = max(len(m.split('.')[1]) for m, _ in parts)
        pad_left = max(len(m.split('.')[0]) for m, _ in parts)
        pad_right = exp_size + 2 + precision
    else:
        strs = [positional(v, is32, digits) for v in finite]
        pad_left = max(len(s.split('.')[0]) for s in strs)
        pad_right = max(len(s.split('.')[1]) for s in strs)
        precision = pad_right
        exp_size = -1
    if len(finite) != len(values):
        neginf = any(v == -math.inf for v in values)
        offset = pad_right + 1
        pad_left = max(pad_left, 3 - offset, 3 + neginf - offset)

    def fmt(x):
        if x != x:
            return ' ' * (pad_left + pad_right + 1 - 3) + 'nan'
        if x - x != 0:
            s = '-inf' if x < 0 else 'inf'
            return ' ' * (pad_left + pad_right + 1 - len(s)) + s
        if exp_format:
            mant, e = scientific(x, is32, digits)
            i, f = mant.split('.')
            if len(f) < precision:
                # Dragon4 goes on producing exact digits up to min_digits
                m, ex = ('%.*e' % (precision, x)).split('e')
                i, f = m.split('.')
                e = int(ex)
            return i.rjust(pad_left) + '.' + f + 'e' + _exp_str(e, exp_size)
        i, f = positional(x, is32, digits).split('.')
        if not f and x == int(x):
            # with min_digits=0 Dragon4 prints every integer digit exactly
            i = '%.0f' % x
        return i.rjust(pad_left) + '.' + f.ljust(pad_right)
    return fmt


def int_formatter(values):
    width = max(len(str(max(values))), len(str(min(values)))) if values else 0
    return lambda x: str(x).rjust(width)


def bool_formatter(zero_d):
    true = 'True' if zero_d else ' True'
    return lambda x: true if x else 'False'


def _extend_line(s, line, word, width, prefix):
    if len(line) + len(word) > width and len(line) > len(prefix):
        s += line.rstrip() + '\n'
        line = prefix
    return s, line + word


def _extend_line_pretty(s, line, word, width, prefix):
    words = word.splitlines()
    if len(words) == 1:
        return _extend_line(s, line, word, width, prefix)
    max_word_length = max(len(w) for w in words)
    if len(line) + max_word_length > width and len(line) > len(prefix):
        s += line.rstrip() + '\n'
        line = prefix + words[0]
        indent = prefix
    else:
        indent = len(line) * ' '
        line += words[0]
    for w in words[1:]:
        s += line.rstrip() + '\n'
        line = indent + w
    suffix_length = max_word_length - len(words[-1])
    line += suffix_length * ' '
    return s, line


def format_array(shape, get, fmt, width, prefix, separator, summarize):
    """_formatArray: `get(index)` reads one element, `fmt` formats it."""
    ndim = len(shape)
    edge = OPTIONS['edgeitems']

    def rec(index, hanging, cur_width):
        axis = len(index)
        left = ndim - axis
        if left == 0:
            return fmt(get(index))
        next_hanging = hanging + ' '
        next_width = cur_width - 1
        n = shape[axis]
        show_summary = summarize and 2 * edge < n
        leading = edge if show_summary else 0
        trailing = edge if show_summary else n
        s = ''
        if left == 1:
            elem_width = cur_width - max(len(separator.rstrip()), 1)
            line = hanging
            for i in range(leading):
                s, line = _extend_line_pretty(s, line, rec(index + (i,), next_hanging, next_width),
                                              elem_width, hanging)
                line += separator
            if show_summary:
                s, line = _extend_line(s, line, '...', elem_width, hanging)
                line += separator
            for i in range(trailing, 1, -1):
                s, line = _extend_line_pretty(s, line, rec(index + (n - i,), next_hanging, next_width),
                                              elem_width, hanging)
                line += separator
            s, line = _extend_line_pretty(s, line, rec(index + (n - 1,), next_hanging, next_width),
                                          cur_width - max(len(separator.rstrip()), 1), hanging)
            s += line
        else:
            line_sep = separator.rstrip() + '\n' * (left - 1)
            for i in range(leading):
                s += hanging + rec(index + (i,), next_hanging, next_width) + line_sep
            if show_summary:
                s += hanging + '...' + line_sep
            for i in range(trailing, 1, -1):
                s += hanging + rec(index + (n - i,), next_hanging, next_width) + line_sep
            s += hanging + rec(index + (n - 1,), next_hanging, next_width)
        return '[' + s[len(hanging):] + ']'

    return rec((), prefix, width)


def shown_indices(shape, summarize):
    """The indices whose values NumPy uses to choose the format (all, or the
    edge items when the array is summarised)."""
    ranges = []
    edge = OPTIONS['edgeitems']
    for n in shape:
        if summarize and 2 * edge < n:
            ranges.append(list(range(edge)) + list(range(n - edge, n)))
        else:
            ranges.append(range(n))
    return ranges


def array2string(arr, separator, prefix, suffix_len):
    shape = arr.shape
    size = arr.size
    if size == 0:
        return '[]'
    summarize = size > OPTIONS['threshold']
    get = arr._element
    import itertools
    shown = [get(ix) for ix in itertools.product(*shown_indices(shape, summarize))]
    kind = arr.dtype.kind
    if kind == 'f':
        fmt = float_formatter(shown, arr.dtype.itemsize == 4)
    elif kind == 'b':
        fmt = bool_formatter(shape == ())
    else:
        fmt = int_formatter(shown)
    return format_array(shape, get, fmt, OPTIONS['linewidth'] - suffix_len, ' ' + ' ' * len(prefix),
                        separator, summarize)


def array_str(arr):
    if arr.shape == ():
        return str(arr[()])
    return array2string(arr, ' ', '', 0)


_IMPLIED = ('float64', 'int64', 'bool')


def array_repr(arr):
    skip_dtype = arr.dtype.name in _IMPLIED and arr.size > 0
    prefix = 'array('
    suffix = ')' if skip_dtype else ','
    if arr.size > 0 or arr.shape == (0,):
        body = array2string(arr, ', ', prefix, len(suffix))
    else:
        body = '[], shape=%r' % (arr.shape,)
    out = prefix + body + suffix
    if skip_dtype:
        return out
    dtype_str = 'dtype=%s)' % arr.dtype.name
    last_line_len = len(out) - (out.rfind('\n') + 1)
    spacer = ' '
    if last_line_len + len(dtype_str) + 1 > OPTIONS['linewidth']:
        spacer = '\n' + ' ' * len(prefix)
    return out + spacer + dtype_str


def float_scalar_repr(x, is32):
    """repr/str of np.float32 / np.float64 scalars (as Python prints floats,
    with float32's shortest digits)."""
    if x != x:
        return 'nan'
    if x - x != 0:
        return 'inf' if x > 0 else '-inf'
    if not is32:
        return float.__repr__(x)
    if x == 0 or 1e-4 <= abs(x) < 1e16:
        s = positional(x, True, precision=99)
        return s + '0' if s.endswith('.') else s
    mant, exp = scientific(x, True, 99)
    return mant.rstrip('.') + 'e' + _exp_str(exp, 2)


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None,
                     nanstr=None, infstr=None, formatter=None, sign=None, floatmode=None, legacy=None):
    unsupported = [name for name, value in (('nanstr', nanstr), ('infstr', infstr), ('formatter', formatter),
                                            ('sign', sign), ('floatmode', floatmode), ('legacy', legacy))
                   if value is not None]
    if unsupported:
        raise NotImplementedError('np.set_printoptions(%s=...) is not available in poolgrad\'s offline checker '
                                  '(precision, threshold, edgeitems, linewidth and suppress are)'
                                  % unsupported[0])
    for name, value in (('precision', precision), ('threshold', threshold), ('edgeitems', edgeitems),
                        ('linewidth', linewidth)):
        if value is not None:
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError('%s must be an integer' % name)
            if name == 'precision' and value < 0:
                raise ValueError('precision must be >= 0')
    for name, value in (('precision', precision), ('threshold', threshold), ('edgeitems', edgeitems),
                        ('linewidth', linewidth)):
        if value is not None:
            OPTIONS[name] = int(value)
    if suppress is not None:
        OPTIONS['suppress'] = bool(suppress)
