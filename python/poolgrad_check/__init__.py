"""The checker's side inside Pyodide: runs a learner's notebook cells or .py
file in a fresh namespace, then calls the learner's functions on cases sent
by the checking engine and hands back plain nested lists (as JSON).

Only data crosses to JavaScript: every entry point takes and returns a str.
"""
import math
import sys
import types

from .codec import dumps, loads
from .ipython import IPythonStub, strip_ipython

# The notebook's names, and the engine's targets they answer.
EXPORTS = ('get_output_shape', 'maxpool2d', 'MaxPooling_', 'MaxPooling', 'AvgPooling')
TARGETS = {
    'getOutputShape': ('get_output_shape', None),
    'maxpool2d': ('maxpool2d', None),
    'MaxPooling.forward': ('MaxPooling_', 'forward'),
    'MaxPooling.backpropYX': ('MaxPooling_', 'backprop_yx'),
    'MaxPooling.backwardInput': ('MaxPooling', 'backward_input'),
    'AvgPooling.forward': ('AvgPooling', 'forward'),
    'AvgPooling.backwardInput': ('AvgPooling', 'backward_input'),
}
OUTPUT_LIMIT = 64 * 1024


class CappedOutput:
    """stdout/stderr for learner code: keeps the first OUTPUT_LIMIT characters."""

    def __init__(self):
        self.parts = []
        self.kept = 0
        self.dropped = 0

    def write(self, text):
        text = str(text)
        room = OUTPUT_LIMIT - self.kept
        if room > 0:
            self.parts.append(text[:room])
            self.kept += min(room, len(text))
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return False

    def text(self):
        out = ''.join(self.parts)
        if self.dropped:
            out += f'\n… {self.dropped} more characters of output not shown\n'
        return out


class Submission:
    def __init__(self, filename):
        self.filename = filename
        self.module = types.ModuleType('__main__')
        self.namespace = self.module.__dict__
        self.notes = []
        self.output = CappedOutput()

    def run_cell(self, index, count, source):
        code, notes = strip_ipython(source)
        place = {'file': self.filename} if count == 1 else {'cell': index + 1}
        self.notes.extend({**place, **note} for note in notes)
        label = f'<{self.filename}>' if count == 1 else f'<cell {index + 1}>'
        try:
            compiled = compile(code, label, 'exec')
        except SyntaxError as error:
            self.notes.append({**place, 'key': 'syntaxError', 'message': error.msg, 'line': error.lineno, 'col': error.offset})
            return
        with redirected(self.output):
            try:
                exec(compiled, self.namespace)
            except BaseException as error:  # a cell that fails must not stop the others
                self.notes.append({**place, 'key': 'cellError', 'error': describe(error)})


def _javascript(name):
    root = name.split('.')[0]
    return root in ('js', 'pyodide_js', 'pyodide', '_pyodide', '_pyodide_core')


class _NoJavaScript:
    """Refuses the modules that reach JavaScript. Defence in depth only: the
    JavaScript they would reach has no process, require, import() or network."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if _javascript(name):
            raise ImportError(f'{name} is not available in the checker: your code runs without access to JavaScript', name=name)
        return None


class redirected:
    """Learner code runs with its output captured and without the JavaScript modules."""

    def __init__(self, stream):
        self.stream = stream

    def __enter__(self):
        self.saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = self.stream
        self.hidden = {name: sys.modules.pop(name) for name in [n for n in sys.modules if _javascript(n)]}
        sys.meta_path.insert(0, _NoJavaScript)

    def __exit__(self, *exc):
        sys.stdout, sys.stderr = self.saved
        while _NoJavaScript in sys.meta_path:
            sys.meta_path.remove(_NoJavaScript)
        sys.modules.update(self.hidden)
        return False


_current = None


def describe(error):
    """'TypeError: message (cell 6, line 12)': the learner's own innermost frame."""
    text = f'{type(error).__name__}: {error}' if str(error) else type(error).__name__
    frame = None
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.startswith('<'):
            frame = tb
        tb = tb.tb_next
    if frame is not None:
        text += f' ({frame.tb_frame.f_code.co_filename[1:-1]}, line {frame.tb_lineno})'
    return text


def load(request):
    """request: JSON {filename, cells: [source, ...]} → JSON {exports, notes, output}."""
    global _current
    data = loads(request)
    submission = Submission(data['filename'])
    submission.namespace['get_ipython'] = IPythonStub(submission.notes).get
    sys.modules['__main__'] = submission.module
    cells = data['cells']
    for index, source in enumerate(cells):
        submission.run_cell(index, len(cells), source)
    _current = submission
    exports = [name for name in EXPORTS if callable(submission.namespace.get(name))]
    return dumps({'exports': exports, 'notes': submission.notes, 'output': submission.output.text()})


def call(request):
    """request: JSON {target, case} → JSON {ok, value} or {ok: false, error}."""
    data = loads(request)
    target, c = data['target'], data['case']
    with redirected(_current.output):
        try:
            value = invoke(_current.namespace, target, c)
            result = {'ok': True, 'value': plain(value)}
        except BaseException as error:
            result = {'ok': False, 'error': describe(error)}
    return dumps(result)


def invoke(namespace, target, c):
    import numpy as np

    name, member = TARGETS[target]
    thing = namespace.get(name)
    if not callable(thing):
        kind = 'class' if name[0].isupper() else 'function'
        raise NameError(f'{name} is not defined (expected a {kind} {name} as in the notebook)')
    pair = lambda key: tuple(c[key])
    tensor = lambda key: np.array(c[key], dtype=np.float32)
    if target == 'getOutputShape':
        names = ['input_shape', 'kernel_size', 'stride', 'padding', 'dilation'][: c.get('args', 5)]
        keys = ['inputShape', 'kernelSize', 'stride', 'padding', 'dilation']
        return thing(**{n: pair(k) for n, k in zip(names, keys)})
    if target == 'maxpool2d':
        return thing(tensor('input'), kernel_size=pair('kernelSize'), stride=pair('stride'),
                     padding=pair('padding'), dilation=pair('dilation'))
    layer = thing(kernel_size=pair('kernelSize'), stride=pair('stride'))
    output = layer.forward(tensor('input'))
    if member == 'forward':
        return output
    if member == 'backprop_yx':
        return layer.backprop_yx
    return layer.backward_input(tensor('gradOutput'))


def plain(value, depth=0):
    """Nested lists of numbers; anything else described in words."""
    if depth > 8:
        return {'unsupported': 'an array nested more than 8 levels deep'}
    if value is None:
        return {'unsupported': 'None (nothing was returned)'}
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value if abs(value) < 2 ** 53 else float(value)
    if isinstance(value, float):
        return value
    tolist = getattr(type(value), 'tolist', None)
    if tolist is not None:
        return plain(tolist(value), depth)
    if isinstance(value, (list, tuple)):
        return [plain(v, depth + 1) for v in value]
    try:
        text = repr(value)[:60]
    except BaseException:
        text = '?'
    return {'unsupported': f'a {type(value).__name__}: {text}'}
