// The Python side of the page's worker (py-worker.js): loads the learner's
// source into a fresh module and calls the notebook's functions for the
// checker's cases. Values cross as JSON text, so no Python object (and no
// proxy to one) ever reaches JavaScript; non-finite floats travel as
// {"$float": "nan" | "inf" | "-inf"} (see FLOATS in python-session.js).

/** The checker's names (js/checker/cases.js TARGETS) → the notebook's. */
export const PYTHON_NAMES = {
  getOutputShape: 'get_output_shape',
  maxpool2d: 'maxpool2d',
  'MaxPooling.forward': 'MaxPooling_.forward',
  'MaxPooling.backpropYX': 'MaxPooling_.backprop_yx',
  'MaxPooling.backwardInput': 'MaxPooling.backward_input',
  'AvgPooling.forward': 'AvgPooling.forward',
  'AvgPooling.backwardInput': 'AvgPooling.backward_input',
};

export const ADAPTER = String.raw`
import json, math, re, sys, traceback, types

class _Adapter:
    EXPORTS = {'getOutputShape': 'get_output_shape', 'maxpool2d': 'maxpool2d',
               'MaxPooling': 'MaxPooling', 'AvgPooling': 'AvgPooling'}
    # IPython lines (!pip, %magic) are not Python; they are skipped.
    IPYTHON = re.compile(r'^(\s*)([!%].*)$', re.M)

    def __init__(self):
        self.base = set(sys.modules)
        self.module = None

    def _fresh(self):
        # Each load starts from the modules the checker itself imported, so a
        # learner's module (or a patched numpy) never outlives its load.
        for name in list(sys.modules):
            if name not in self.base:
                del sys.modules[name]

    @staticmethod
    def _where(error):
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == 'notebook.py']
        if not frames:
            return ''
        f = frames[-1]
        return ' (line %d: %s)' % (f.lineno, (f.line or '').strip())

    @classmethod
    def _describe(cls, error):
        return '%s: %s%s' % (type(error).__name__, error, cls._where(error))

    def load(self, source, stubs):
        self._fresh()
        source = self.IPYTHON.sub(lambda m: m.group(1) + 'pass  # ' + m.group(2), source)
        try:
            code = compile(source, 'notebook.py', 'exec')
        except SyntaxError as error:
            line = (error.text or '').rstrip('\n')
            return json.dumps({'ok': False, 'syntax': {'line': error.lineno, 'column': error.offset, 'message': error.msg, 'text': line},
                               'error': 'SyntaxError: %s (line %s, column %s)' % (error.msg, error.lineno, error.offset)})
        module = types.ModuleType('notebook')
        module.__file__ = 'notebook.py'
        sys.modules['notebook'] = module
        try:
            exec(code, module.__dict__)
        except BaseException as error:
            return json.dumps({'ok': False, 'error': self._describe(error)})
        for stub in json.loads(stubs):
            self._stub(module, stub)
        self.module = module
        names = [js for js, name in self.EXPORTS.items() if callable(getattr(module, name, None))]
        return json.dumps({'ok': True, 'exports': names})

    def _stub(self, module, target):
        # A function that ran out of time once is replaced by one that fails
        # at once, so everything that calls it fails fast and says why.
        shown = _NAMES.get(target, target)
        def stopped(*args, **kwargs):
            raise TimeoutError('%s did not finish in its own check (an endless loop?), so this call was not waited for' % shown)
        owner, _, attr = shown.rpartition('.')
        if not owner:
            setattr(module, attr, stopped)
        elif attr != 'backprop_yx' and isinstance(getattr(module, owner, None), type):
            setattr(getattr(module, owner), attr, stopped)

    @staticmethod
    def _plain(value):
        if hasattr(value, 'tolist'):
            value = value.tolist()
        if isinstance(value, (list, tuple)):
            return [_Adapter._plain(v) for v in value]
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, float) and not math.isfinite(value):
            return {'$float': 'nan' if value != value else ('inf' if value > 0 else '-inf')}
        if isinstance(value, (int, float)):
            return value
        return {'unsupported': 'a %s: %s' % (type(value).__name__, repr(value)[:60])}

    def call(self, target, case):
        c = json.loads(case)
        m = self.module
        pair = lambda key: tuple(c[key])
        def array(key):
            import numpy as np
            return np.array(c[key], dtype=np.float32)
        try:
            if target == 'getOutputShape':
                keys = ['inputShape', 'kernelSize', 'stride', 'padding', 'dilation'][:c.get('args', 5)]
                value = m.get_output_shape(*[pair(k) for k in keys])
            elif target == 'maxpool2d':
                value = m.maxpool2d(array('input'), pair('kernelSize'), pair('stride'), pair('padding'), pair('dilation'))
            else:
                cls, method = target.split('.')
                layer = getattr(m, cls)(pair('kernelSize'), pair('stride'))
                output = layer.forward(array('input'))
                if method == 'forward':
                    value = output
                elif method == 'backpropYX':
                    value = layer.backprop_yx
                else:
                    value = layer.backward_input(array('gradOutput'))
            return json.dumps({'ok': True, 'value': self._plain(value)}, allow_nan=False)
        except BaseException as error:
            return json.dumps({'ok': False, 'error': self._describe(error)})

_NAMES = json.loads('__NAMES__')
_poolgrad_adapter = _Adapter()
`.replace('__NAMES__', JSON.stringify(PYTHON_NAMES));
