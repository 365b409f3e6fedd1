"""JSON between Python and JavaScript; NaN and ±inf spelled {"$float": repr}.
The JavaScript half is js/python/codec.js."""
import json
import math


def _spell(value):
    if isinstance(value, float) and not math.isfinite(value):
        return {'$float': repr(value)}
    if isinstance(value, (list, tuple)):
        return [_spell(v) for v in value]
    if isinstance(value, dict):
        return {k: _spell(v) for k, v in value.items()}
    return value


def _restore(obj):
    if len(obj) == 1 and isinstance(obj.get('$float'), str):
        return float(obj['$float'])
    return obj


def dumps(value):
    return json.dumps(_spell(value), allow_nan=False)


def loads(text):
    return json.loads(text, object_hook=_restore)
