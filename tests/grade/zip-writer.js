// A minimal zip writer for tests: it can also write what real tools never
// would (names climbing out with "..", absolute names, sizes that lie).
import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../../js/grade/zip.js';

function dos(date) {
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/**
 * entries: [{ name, data (Buffer|string), date?, store?, declaredSize? }]
 * → the zip archive as a Buffer. `declaredSize` overrides the size written
 * in the headers (a lying archive).
 */
export function writeZip(entries) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const e of entries) {
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data ?? '', 'utf8');
    const body = e.store ? data : deflateRawSync(data);
    const name = Buffer.from(e.name, 'utf8');
    const { time, date } = dos(e.date ?? new Date(2026, 10, 20, 12, 0, 0));
    const size = e.declaredSize ?? data.length;
    const fields = (h, at) => {
      h.writeUInt16LE(20, at);
      h.writeUInt16LE(0x800, at + 2); // UTF-8 names
      h.writeUInt16LE(e.store ? 0 : 8, at + 4);
      h.writeUInt16LE(time, at + 6);
      h.writeUInt16LE(date, at + 8);
      h.writeUInt32LE(crc32(data), at + 10);
      h.writeUInt32LE(body.length, at + 14);
      h.writeUInt32LE(size, at + 18);
      h.writeUInt16LE(name.length, at + 22);
      h.writeUInt16LE(0, at + 24);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    fields(c, 6);
    c.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(c, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
