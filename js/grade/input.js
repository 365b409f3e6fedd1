// Turns the grading INPUT (a folder, or Moodle's "download all submissions"
// zip) into one submission per participant: { name, id, file, files, note,
// refused, read() }. Files are read into memory, never written anywhere.
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { readZip, ZIP_LIMITS, ZipError } from './zip.js';

export { ZipError };

/** INPUT as a whole holds nothing to grade. */
export class InputError extends Error {}

// Moodle names each participant's folder "Firstname Lastname_123456_assignsubmission_file_"
// (older exports prefix each file with it instead of using a folder).
const MOODLE_FOLDER = /^(.+?)_(\d+)_assignsubmission_([a-z]+)_?$/;
const MOODLE_PREFIX = /^(.+?)_(\d+)_assignsubmission_([a-z]+)_(.+)$/;

const kindOf = (file) => (/\.ipynb$/i.test(file) ? 'ipynb' : /\.py$/i.test(file) ? 'py' : null);

const MiB = 1024 * 1024;

/**
 * Reads INPUT into `{ source: 'zip' | 'folder' | 'file', submissions }`.
 * Throws ZipError when a zip cannot be used as a whole and InputError when
 * INPUT holds nothing to grade; per-file problems become submissions with
 * `refused` set.
 */
export function collectSubmissions(inputPath, { limits = ZIP_LIMITS, skip = [] } = {}) {
  const stat = statSync(inputPath);
  if (stat.isDirectory()) {
    const submissions = group(walkFolder(inputPath, limits, skip));
    if (!submissions.length) throw new InputError('found nothing to grade: no .ipynb or .py file in the folder');
    return { source: 'folder', submissions };
  }
  const head = Buffer.alloc(4);
  const fd = openSync(inputPath, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  if (head.readUInt32LE(0) !== 0x04034b50 && head.readUInt32LE(0) !== 0x06054b50) {
    // A single notebook given directly: grade it as a course of one.
    if (kindOf(inputPath)) return { source: 'file', submissions: group([fileItem(inputPath, inputPath.split(/[\\/]/).pop(), limits)]) };
    throw new ZipError(`${inputPath} is neither a folder nor a zip archive`);
  }
  if (stat.size > limits.maxTotalBytes) throw new ZipError(`the archive is ${(stat.size / MiB).toFixed(1)} MiB, over the limit of ${(limits.maxTotalBytes / MiB).toFixed(0)} MiB`);
  const submissions = group(zipItems(inputPath, limits));
  if (!submissions.length) throw new InputError('found nothing to grade: the archive holds no files');
  return { source: 'zip', submissions };
}

function fileItem(path, rel, limits) {
  const item = { path: rel, date: null, bytes: null, refused: null };
  try {
    const st = statSync(path);
    item.date = st.mtime;
    // Never read more than the limit: a 100 MB notebook is refused from its size alone.
    if (st.size > limits.maxEntryBytes) item.refused = `refused: the file is ${(st.size / MiB).toFixed(1)} MiB, over the limit of ${(limits.maxEntryBytes / MiB).toFixed(1)} MiB per file`;
    else item.read = () => readCapped(path, limits.maxEntryBytes);
  } catch (error) {
    item.refused = `cannot read the file: ${error.message}`;
  }
  return item;
}

function readCapped(path, cap) {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(cap + 1);
    let n = 0;
    for (let got; n <= cap && (got = readSync(fd, buf, n, cap + 1 - n, null)) > 0; ) n += got;
    if (n > cap) throw new Error(`refused: the file grew beyond the limit of ${(cap / MiB).toFixed(1)} MiB per file while being read`);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function walkFolder(root, limits, skip) {
  const items = [];
  const visit = (dir) => {
    let names;
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (skip.includes(path)) continue;
      const rel = relative(root, path).split(sep).join('/');
      const st = lstatSync(path);
      // Symbolic links are not followed: they could point anywhere on the tutor's machine.
      if (st.isSymbolicLink()) {
        if (kindOf(name)) items.push({ path: rel, date: null, refused: 'refused: a symbolic link, not followed' });
      } else if (st.isDirectory()) visit(path);
      else if (st.isFile()) items.push(fileItem(path, rel, limits));
    }
  };
  visit(root);
  return items;
}

function zipItems(zipPath, limits) {
  // Its size was checked against maxTotalBytes before.
  const buf = readFileSync(zipPath);
  const { entries } = readZip(buf, limits);
  const seen = new Set();
  const items = [];
  for (const entry of entries) {
    if (entry.directory) continue;
    const item = { path: entry.name, date: entry.date, refused: entry.refused };
    if (seen.has(entry.name)) item.refused = 'refused: the archive holds another entry of the same name';
    seen.add(entry.name);
    if (!item.refused) item.read = entry.read;
    items.push(item);
  }
  return items;
}

// Participant of a path: Moodle's folder (or file prefix) gives name and id;
// anything else is its own participant named after its path.
function participantOf(path) {
  const parts = path.split(/[\\/]/).filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const folder = MOODLE_FOLDER.exec(parts[i]);
    if (folder && i < parts.length - 1) return { key: `${folder[2]}\u0000${folder[1]}`, name: folder[1], id: folder[2], file: parts.slice(i + 1).join('/') };
    const prefixed = MOODLE_PREFIX.exec(parts[i]);
    if (prefixed && i === parts.length - 1) return { key: `${prefixed[2]}\u0000${prefixed[1]}`, name: prefixed[1], id: prefixed[2], file: prefixed[4] };
  }
  return null;
}

const when = (date) => (date ? date.toISOString().slice(0, 16).replace('T', ' ') : 'unknown time');

function group(items) {
  const participants = new Map();
  const loose = [];
  for (const item of items) {
    const who = item.refused && /zip slip/.test(item.refused) ? null : participantOf(item.path);
    if (!who) {
      // Outside any participant folder, only notebooks and refused entries become rows.
      if (kindOf(item.path) || item.refused) loose.push({ name: item.path, id: '', file: item.path, files: [item.path], items: [item] });
      continue;
    }
    if (!participants.has(who.key)) participants.set(who.key, { name: who.name, id: who.id, items: [] });
    participants.get(who.key).items.push({ ...item, file: who.file });
  }
  const rows = [...participants.values()].map(choose);
  for (const l of loose) rows.push(finish({ name: l.name, id: '', file: l.file, files: l.files, note: null }, l.items[0]));
  return rows.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id) || a.file.localeCompare(b.file));
}

// The file is read when it is graded, so a course is never all in memory at once.
function finish(row, item) {
  if (item.refused) return { ...row, refused: item.refused, read: null, kind: kindOf(row.file) };
  return { ...row, refused: null, read: item.read, kind: kindOf(row.file) };
}

/** Reads a submission's bytes: `{ bytes }` or `{ refused }` with the reason. */
export function readBytes(sub) {
  try {
    return { bytes: sub.read() };
  } catch (error) {
    return { refused: error.message.startsWith('refused') ? error.message : `cannot read the file: ${error.message}` };
  }
}

// Several files: the newest notebook (.ipynb, else .py) is graded, and the note says so.
function choose({ name, id, items }) {
  const files = items.map((i) => i.file);
  const newest = (list) => list.reduce((a, b) => ((b.date?.getTime() ?? 0) >= (a.date?.getTime() ?? 0) ? b : a));
  // A readable file wins over a refused one (e.g. the second of two entries of the same name).
  const usable = items.filter((i) => !i.refused).length ? items.filter((i) => !i.refused) : items;
  const notebooks = usable.filter((i) => kindOf(i.file) === 'ipynb');
  const candidates = notebooks.length ? notebooks : usable.filter((i) => kindOf(i.file) === 'py');
  if (!candidates.length) {
    const refused = items.find((i) => i.refused);
    const reason = refused ? `${refused.file}: ${refused.refused}` : `no notebook (.ipynb) or Python file (.py) among the submitted files: ${files.join(', ')}`;
    return { name, id, file: '', files, note: null, refused: reason, read: null, kind: null };
  }
  const picked = newest(candidates);
  const refused = items.filter((i) => i.refused && i !== picked).map((i) => `${i.file}: ${i.refused}`);
  const note = items.length > 1
    ? `${items.length} files submitted (${files.join(', ')}); graded the newest ${notebooks.length ? 'notebook' : 'Python file'}, ${picked.file} (${when(picked.date)})${refused.length ? `; not read: ${refused.join('; ')}` : ''}`
    : null;
  return finish({ name, id, file: picked.file, files, note }, picked);
}
