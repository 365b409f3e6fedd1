"""Writes the notebook's code cells, as the notebook text stands (reference
solution filled in, each gap marked `# bitte Code ergaenzen`), to
tests/fixtures/notebook/aufgabe7-reference.py. The page derives its Python
template from that file by emptying the marked lines.

    python3 scripts/extract-notebook.py [../shared/seed/aufgabe7-pooling-notebook.txt]

A cell starts at its `In [n]:` line; its code is the longest run of lines
after it that compiles (IPython lines count as statements), so the printed
output and the markdown after it are left out.
"""
import re
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
source = Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / 'shared/seed/aufgabe7-pooling-notebook.txt'
lines = source.read_text(encoding='utf-8').split('\n')
starts = [i for i, line in enumerate(lines) if re.match(r'^In \[\d+\]:\s*$', line)]


IPYTHON = re.compile(r'^([ \t]*)([!%](?:.*\\\n)*.*)$', re.M)


def compiles(chunk):
    text = IPYTHON.sub(lambda m: m.group(1) + 'pass  # ' + m.group(2).replace('\n', '\n# '), '\n'.join(chunk))
    try:
        compile(text, 'cell', 'exec')
        return True
    except SyntaxError:
        return False


cells = []
for n, start in enumerate(starts):
    end = starts[n + 1] if n + 1 < len(starts) else len(lines)
    chunk = lines[start + 1:end]
    best = 0
    for k in range(1, len(chunk) + 1):
        if chunk[k - 1].strip() and not chunk[k - 1].startswith(' ') or chunk[k - 1].startswith((' ', '\t')):
            if chunk[k - 1].strip() and compiles(chunk[:k]):
                best = k
    # a line after the cell that is not indented and not code ends it
    cells.append((lines[start], '\n'.join(chunk[:best]).rstrip()))

out = root / 'tests/fixtures/notebook/aufgabe7-reference.py'
body = '\n\n'.join(f'# {label}\n{code}' for label, code in cells)
out.write_text(f'# The code cells of the notebook "Aufgabe 7 - CNN - Backpropagation: Pooling"\n# as its text stands; written by scripts/extract-notebook.py.\n\n{body}\n', encoding='utf-8')
print(f'{out.relative_to(root)}: {len(cells)} cells')
