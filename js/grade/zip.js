// Reads a zip archive (Moodle's "download all submissions") into memory.
// Nothing is ever extracted to disk, so an entry name like `../../evil` can
// never escape anywhere; such names are still refused, since they only come
// from crafted archives. Sizes are bounded before and while inflating: the
// archive's declared sizes are checked against the limits, and zlib's
// maxOutputLength stops an entry that inflates beyond what it declared.
import { inflateRawSync } from 'node:zlib';
import { MAX_NOTEBOOK_BYTES } from '../checker/ipynb.js';

const MiB = 1024 * 1024;

/** Limits for one archive; docs/grading.md lists them for tutors. */
export const ZIP_LIMITS = Object.freeze({
  /** Entries in the central directory (a course has one or a few per participant). */
  maxEntries: 20_000,
  /** Uncompressed bytes of one entry: the largest notebook read (a course notebook is well under 1 MiB). */
  maxEntryBytes: MAX_NOTEBOOK_BYTES,
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: 1024 * MiB,
  /** Compression ratio above which an entry counts as a zip bomb … */
  maxRatio: 200,
  /** … once it inflates to more than this many bytes. */
  ratioFloorBytes: 16 * MiB,
});

/** The archive as a whole cannot be read (not a zip, truncated, over a whole-archive limit). */
export class ZipError extends Error {}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const mib = (bytes) => `${(bytes / MiB).toFixed(1)} MiB`;

/** Why an entry name must not be used as a path (null when it is safe). */
export function unsafePathReason(name) {
  if (name.includes('\0')) return 'its name holds a NUL character';
  if (/^[\\/]/.test(name) || /^[A-Za-z]:/.test(name)) return 'its name is an absolute path';
  if (name.split(/[\\/]/).some((part) => part === '..')) return 'its name climbs out of the archive with ".."';
  return null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

function decodeName(bytes, utf8Flag) {
  if (utf8Flag) return new TextDecoder('utf-8').decode(bytes);
  // Without the UTF-8 flag zips are nominally CP437, but tools that omit the
  // flag mostly write UTF-8 anyway; fall back to Latin-1 only when it is not.
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

// DOS date and time of an entry, read as local time like unzip does.
function dosDate(date, time) {
  const d = new Date(1980 + (date >> 9), ((date >> 5) & 15) - 1, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2);
  return Number.isNaN(d.getTime()) ? null : d;
}

function findEndOfCentralDirectory(buf) {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) if (buf.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}

function readZip64End(buf, eocd) {
  const locator = eocd - 20;
  if (locator < 0 || buf.readUInt32LE(locator) !== 0x07064b50) return null;
  const at = Number(buf.readBigUInt64LE(locator + 8));
  if (at + 56 > buf.length || buf.readUInt32LE(at) !== 0x06064b50) throw new ZipError('the zip64 end record is damaged');
  return { count: Number(buf.readBigUInt64LE(at + 32)), size: Number(buf.readBigUInt64LE(at + 40)), offset: Number(buf.readBigUInt64LE(at + 48)) };
}

// Sizes and offset saturated at 0xFFFFFFFF live in the zip64 extra field, in this order.
function applyZip64Extra(extra, entry) {
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const next = () => {
        if (q + 8 > p + 4 + len) throw new ZipError(`entry "${entry.name}" has a short zip64 field`);
        const v = Number(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.offset === 0xffffffff) entry.offset = next();
    }
    p += 4 + len;
  }
}

/**
 * Lists a zip archive held in `buf`. Returns `{ entries }`, each entry
 * `{ name, size, compressedSize, date, directory, refused? , read() }`;
 * `refused` is a sentence saying why the entry is not read, `read()`
 * returns the entry's bytes or throws an Error saying why it cannot.
 * Throws ZipError when the archive as a whole cannot be used.
 */
export function readZip(buf, limits = ZIP_LIMITS) {
  if (buf.length < 22) throw new ZipError(`the file is ${buf.length} bytes, too short for a zip archive`);
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) throw new ZipError('the file is not a zip archive (no end-of-central-directory record)');
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const z64 = readZip64End(buf, eocd);
    if (z64) ({ count, size: cdSize, offset: cdOffset } = z64);
  }
  if (count > limits.maxEntries) throw new ZipError(`the archive has ${count} entries, over the limit of ${limits.maxEntries}`);
  if (cdOffset + cdSize > buf.length) throw new ZipError('the archive is truncated (its central directory lies beyond the end of the file)');

  const entries = [];
  let declaredTotal = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new ZipError(`the central directory is damaged at entry ${i + 1} of ${count}`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen + extraLen + commentLen > buf.length) throw new ZipError(`the central directory is damaged at entry ${i + 1} of ${count}`);
    const entry = {
      name: decodeName(buf.subarray(p + 46, p + 46 + nameLen), (flags & 0x800) !== 0),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42),
      date: dosDate(buf.readUInt16LE(p + 14), buf.readUInt16LE(p + 12)),
    };
    applyZip64Extra(buf.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen), entry);
    const crc = buf.readUInt32LE(p + 16);
    p += 46 + nameLen + extraLen + commentLen;
    entry.directory = entry.name.endsWith('/') || entry.name.endsWith('\\');
    entry.refused = refusal(entry, flags, method, limits);
    if (!entry.refused && !entry.directory) {
      declaredTotal += entry.size;
      if (declaredTotal > limits.maxTotalBytes) throw new ZipError(`the archive's entries inflate to more than ${mib(limits.maxTotalBytes)} together, over the limit`);
    }
    entry.read = () => readEntry(buf, entry, method, crc);
    entries.push(entry);
  }
  return { entries };
}

function refusal(entry, flags, method, limits) {
  const unsafe = unsafePathReason(entry.name);
  if (unsafe) return `refused: ${unsafe} (zip slip)`;
  if (flags & 1) return 'refused: the entry is encrypted';
  if (method !== 0 && method !== 8) return `refused: compression method ${method} is not supported (only stored and deflate)`;
  if (entry.size > limits.maxEntryBytes) return `refused: the entry inflates to ${mib(entry.size)}, over the limit of ${mib(limits.maxEntryBytes)} per file`;
  if (entry.size > limits.ratioFloorBytes && entry.size > limits.maxRatio * Math.max(1, entry.compressedSize)) {
    return `refused: the entry inflates ${Math.round(entry.size / Math.max(1, entry.compressedSize))}:1 to ${mib(entry.size)}, over the ratio limit of ${limits.maxRatio}:1 (zip bomb)`;
  }
  return null;
}

function readEntry(buf, entry, method, crc) {
  if (entry.refused) throw new Error(entry.refused);
  const at = entry.offset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) throw new Error('the entry is damaged (no local header where the directory points)');
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw new Error('the entry is truncated');
  const raw = buf.subarray(start, end);
  let data;
  if (method === 0) {
    if (entry.compressedSize !== entry.size) throw new Error('the entry is damaged (stored size differs from its size)');
    data = raw;
  } else {
    try {
      // maxOutputLength: an entry may not inflate beyond the size it declares.
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
      if (error.code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) throw new Error(`refused: the entry inflates beyond its declared ${entry.size} bytes (zip bomb)`);
      throw new Error(`the entry cannot be inflated: ${error.message}`);
    }
  }
  if (data.length !== entry.size) throw new Error(`the entry is damaged (inflates to ${data.length} bytes, declared ${entry.size})`);
  if (crc32(data) !== crc) throw new Error('the entry is damaged (checksum mismatch)');
  return data;
}
