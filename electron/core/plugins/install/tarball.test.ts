import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readTarGz } from './tarball.js';

/** One ustar header block + data, as tar writes them (checksum over the header with its field as spaces). */
function entry(name: string, data: string, type = '0', prefix = ''): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100);
  header.write('0000644\0', 100);
  header.write(`${Buffer.byteLength(data).toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write(type, 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  header.write(prefix, 345, 155);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const body = Buffer.alloc(Math.ceil(Buffer.byteLength(data) / 512) * 512);
  body.write(data);
  return Buffer.concat([header, body]);
}

const tgz = (...entries: Buffer[]): Buffer => gzipSync(Buffer.concat([...entries, Buffer.alloc(1024)]));

describe('reading a packed plugin', () => {
  it('reads files under npm\'s package/ folder, with ustar prefixes and pax long names', () => {
    const pax = '30 path=package/a/very/long.js\n';
    const files = readTarGz(tgz(
      entry('package/index.js', 'export default 1;'),
      entry('index.json', '{}', '0', 'package/lib'),
      entry('././@PaxHeader', pax, 'x'), entry('package/short', 'long one'),
    ));
    expect(files.map((f) => [f.path, f.data.toString()])).toEqual([['index.js', 'export default 1;'], ['lib/index.json', '{}'], ['a/very/long.js', 'long one']]);
  });

  it('refuses links, climbing paths, absolute paths, damaged headers and what is not gzip', () => {
    expect(() => readTarGz(tgz(entry('package/x', ''), entry('package/link', '', '2')))).toThrow('The package holds a link or special file ("package/link"), which plugins may not have.');
    expect(() => readTarGz(tgz(entry('package/../../x.js', '')))).toThrow('The package holds a file outside its folder ("package/../../x.js").');
    expect(() => readTarGz(tgz(entry('/etc/x.js', '')))).toThrow('The package holds a file outside its folder ("/etc/x.js").');
    const damaged = entry('package/x', 'y');
    damaged.write('Z', 0);
    expect(() => readTarGz(tgz(damaged))).toThrow('The package is damaged (a header\'s checksum is wrong).');
    expect(() => readTarGz(Buffer.from('not gzip'))).toThrow('The file is not a packed plugin (.tgz): it could not be unpacked.');
    expect(() => readTarGz(tgz())).toThrow('The package is empty.');
  });
});
