// The Python template of code mode: the notebook's code cells with every
// gap (a line marked `# bitte Code ergaenzen`) emptied again. Derived from
// the notebook's text (tests/fixtures/notebook/aufgabe7-reference.py, made
// by scripts/extract-notebook.py), so the notebook stays the one source.

const GAP = /#\s*bitte Code ergaenzen.*$/;

// Depth of open brackets after `text` (strings and comments skipped roughly:
// the notebook's gap statements hold no brackets inside strings).
function depthAfter(text) {
  let depth = 0;
  for (const ch of text.replace(/#.*$/gm, '')) {
    if ('([{'.includes(ch)) depth += 1;
    else if (')]}'.includes(ch)) depth -= 1;
  }
  return depth;
}

// The target of a plain assignment (`a, b = …`, `x[i] = …`), or null for an
// augmented one (`+=`): there the operator is part of the answer.
function target(statement) {
  let depth = 0;
  for (let i = 0; i < statement.length; i++) {
    const ch = statement[i];
    if ('([{'.includes(ch)) depth += 1;
    else if (')]}'.includes(ch)) depth -= 1;
    else if (depth === 0 && ch === '=' && statement[i + 1] !== '=' && !'=!<>+-*/%&|^@'.includes(statement[i - 1] ?? '')) {
      return statement.slice(0, i).trimEnd();
    }
    else if (depth === 0 && ch === '=' && '+-*/%&|^@'.includes(statement[i - 1] ?? '')) return null;
  }
  return null;
}

/** The notebook's code with each marked gap statement replaced by `…` (the marker kept). */
export function pythonTemplate(notebookCode) {
  const lines = notebookCode.split('\n');
  const out = [];
  for (const line of lines) {
    const marker = line.match(GAP);
    if (!marker) {
      out.push(line);
      continue;
    }
    // A gap may close a statement that started lines above (an open bracket).
    let start = out.length;
    let text = line.slice(0, marker.index);
    while (depthAfter(text) < 0 && start > 0) {
      start -= 1;
      text = `${out[start]}\n${text}`;
    }
    const indent = text.match(/^\s*/)[0];
    const lhs = target(text.trim());
    out.splice(start, out.length - start, `${indent}${lhs === null ? '...' : `${lhs} = ...`}  ${marker[0]}`);
  }
  return out.join('\n');
}
