import { loadNumpySubset } from './tests/python/numpy-load.js';
import { readFileSync } from 'node:fs';
const py = await loadNumpySubset();
const fx = JSON.parse(readFileSync('tests/fixtures/numpy-fidelity.json', 'utf8'));
py.runPython(`ns = {'print_tensors': lambda *a, **k: None, 'interactive_check': lambda *a, **k: None}`);
for (const c of fx.notebook) if (!c.output) { py.globals.set('code', c.code); py.runPython('exec(code, ns)'); }
console.log(py.runPython(`
import time, numpy as np
out = []
for shape in [(1, 2, 5, 5), (2, 3, 12, 12)]:
    np.random.seed(0)
    x = np.random.random(shape).astype('float32')
    for name, make in [('maxpool2d', None), ('MaxPooling', ns['MaxPooling']), ('AvgPooling', ns['AvgPooling'])]:
        reps = 300 if shape[-1] == 5 else 40
        best = []
        for rnd in range(3):
            t0 = time.perf_counter()
            for _ in range(reps):
                if make is None:
                    y = ns['maxpool2d'](x, (3, 3), (2, 2))
                else:
                    layer = make((3, 3), (2, 2))
                    y = layer.forward(x)
                    g = layer.backward_input(np.ones(y.shape, dtype=np.float32))
            best.append((time.perf_counter() - t0) / reps * 1000)
        out.append('%s %s%s: median %.2f ms' % (name, list(shape), '' if make is None else ' forward+backward', sorted(best)[1]))
'\\n'.join(out)`));
