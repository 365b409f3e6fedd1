"""torch.nn of the stand-in: only `functional`."""
from . import functional


def __getattr__(name):
    from torch import _unavailable

    raise _unavailable(f'torch.nn.{name}')
