"""IPython syntax in notebook cells (`!pip …`, `%magic`, `%%magic`) is not
Python: such lines are skipped, each with a note, so the rest of the cell runs.
A note is a key with its parameters; the JavaScript side words it in the
learner's language (js/checker/words.js, `note.*`)."""


def strip_ipython(source):
    """source → (python_code, notes); skipped lines become `pass` so line numbers stay."""
    lines = source.split('\n')
    notes = []
    out = []
    first_code = next((line.strip() for line in lines if line.strip()), '')
    if first_code.startswith('%%'):
        return '', [{'key': 'cellMagic', 'magic': first_code.split()[0]}]
    continuing = False
    indent = ''
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if continuing or stripped.startswith(('!', '%')):
            if not continuing:
                command = stripped[:60] + ('…' if len(stripped) > 60 else '')
                notes.append({'key': 'ipythonLine', 'line': number, 'command': command})
                indent = line[: len(line) - len(line.lstrip())]
            continuing = stripped.endswith('\\')
            out.append(f'{indent}pass')
        else:
            out.append(line)
    return '\n'.join(out), notes


class IPythonStub:
    """`get_ipython()` as a notebook exported to .py calls it: commands are skipped with a note."""

    def __init__(self, notes):
        self._notes = notes

    def get(self):
        return self

    def _skip(self, kind, *args):
        text = ' '.join(str(a) for a in args)[:60]
        self._notes.append({'key': 'ipythonCall', 'call': f'{kind}({text})'})

    def system(self, *args, **kwargs):
        self._skip('system', *args)

    def run_line_magic(self, *args, **kwargs):
        self._skip('run_line_magic', *args)

    def run_cell_magic(self, *args, **kwargs):
        self._skip('run_cell_magic', *args)

    def getoutput(self, *args, **kwargs):
        self._skip('getoutput', *args)
        return []
