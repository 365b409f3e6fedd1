"""np.random for poolgrad's offline checker: seed, random, rand, random_sample,
randn, standard_normal, randint, uniform, normal.

The generator is a Mersenne Twister seeded like NumPy's legacy RandomState
(init_genrand), so np.random.seed(s) followed by random()/rand() draws the
same doubles as NumPy, and randn() uses the same polar method."""
import math as _math
import random as _pyrandom

_CHECKER = "not available in poolgrad's offline checker (a NumPy subset; see docs/python.md)"
_gen = _pyrandom.Random()
_gauss = [None]


def _init_genrand(s):
    mt = [0] * 624
    mt[0] = s & 0xffffffff
    for i in range(1, 624):
        mt[i] = (1812433253 * (mt[i - 1] ^ (mt[i - 1] >> 30)) + i) & 0xffffffff
    return mt


def seed(seed=None):
    if seed is None:
        _gen.seed()
    else:
        s = int(seed)
        if s != seed or s < 0 or s > 0xffffffff:
            raise ValueError('Seed must be between 0 and 2**32 - 1')
        _gen.setstate((3, tuple(_init_genrand(s)) + (624,), None))
    _gauss[0] = None


def _fill(size, draw, dt):
    from . import _new, _DT, _shape_arg, _prod
    if size is None:
        return draw()  # NumPy's legacy generator returns a Python float / int here
    shape = _shape_arg(size)
    return _new([draw() for _ in range(_prod(shape))], shape, _DT[dt])


def random_sample(size=None):
    return _fill(size, _gen.random, 'float64')


random = sample = ranf = random_sample


def rand(*dims):
    return _fill(dims if dims else None, _gen.random, 'float64')


def _standard_normal():
    g = _gauss[0]
    if g is not None:
        _gauss[0] = None
        return g
    while True:
        x1 = 2.0 * _gen.random() - 1.0
        x2 = 2.0 * _gen.random() - 1.0
        r2 = x1 * x1 + x2 * x2
        if r2 < 1.0 and r2 != 0.0:
            break
    f = _math.sqrt(-2.0 * _math.log(r2) / r2)
    _gauss[0] = f * x1
    return f * x2


def standard_normal(size=None):
    return _fill(size, _standard_normal, 'float64')


def randn(*dims):
    return _fill(dims if dims else None, _standard_normal, 'float64')


def uniform(low=0.0, high=1.0, size=None):
    return _fill(size, lambda: low + (high - low) * _gen.random(), 'float64')


def normal(loc=0.0, scale=1.0, size=None):
    return _fill(size, lambda: loc + scale * _standard_normal(), 'float64')


def randint(low, high=None, size=None, dtype=int):
    if high is None:
        low, high = 0, low
    if high <= low:
        raise ValueError('low >= high')
    span = high - low - 1

    def draw():
        if span == 0:
            return low
        mask = span
        for sh in (1, 2, 4, 8, 16, 32):
            mask |= mask >> sh
        if span <= 0xffffffff:
            while True:
                v = _gen.getrandbits(32) & mask
                if v <= span:
                    return low + v
        while True:
            v = ((_gen.getrandbits(32) << 32) | _gen.getrandbits(32)) & mask
            if v <= span:
                return low + v
    from . import _DT_OF
    return _fill(size, draw, _DT_OF(dtype).name)


def __getattr__(name):
    raise AttributeError("module 'numpy.random' has no attribute %r: numpy.random.%s is %s"
                         % (name, name, _CHECKER))
