"""poolgrad (the checker's PyTorch-exact pooling) seen from Python: one
request dict in, one result dict out, as JSON text through the runtime's
`_poolgrad_bridge` module. Used by the torch and tui_dl4cv stand-ins."""
from .codec import dumps, loads


def compute(op, **request):
    import _poolgrad_bridge

    reply = loads(_poolgrad_bridge.compute(dumps({'op': op, **request})))
    if 'error' in reply:
        raise ValueError(reply['error'])
    return reply
