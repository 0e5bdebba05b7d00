import { describe, expect, it } from 'vitest';
import { isExecutableName, sanitizeFileName } from './fileNames.js';

describe('sanitizeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\system32\\evil.dll', 'evil.dll'],
    ['/absolute/path.txt', 'path.txt'],
    ['photo\u202Egpj.exe', 'photogpj.exe'],
    ['in\u200Bvisible.txt', 'invisible.txt'],
    ['.bashrc', 'bashrc'],
    ['...', 'file'],
    ['', 'file'],
    ['name\u0000with\u0007controls.txt', 'namewithcontrols.txt'],
    ['what?<>:"|*.txt', 'what_______.txt'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['trailing dots... ', 'trailing dots'],
    ['résumé.pdf', 'résumé.pdf'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('shortens long names to 255 characters and keeps the extension', () => {
    const result = sanitizeFileName(`${'a'.repeat(400)}.tar.gz`);
    expect(result).toHaveLength(255);
    expect(result.endsWith('.gz')).toBe(true);
  });
});

describe('isExecutableName', () => {
  it('flags what a desktop would run', () => {
    expect(isExecutableName('setup.EXE')).toBe(true);
    expect(isExecutableName('photogpj.exe')).toBe(true);
    expect(isExecutableName('notes.txt')).toBe(false);
    expect(isExecutableName('archive')).toBe(false);
  });
});
