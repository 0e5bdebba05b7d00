import { describe, expect, it } from 'vitest';
import { parseComposerText } from './composer.js';

describe('parseComposerText', () => {
  it('sends text as typed, /me as an action, //x as a text starting with a slash', () => {
    expect(parseComposerText('hello\nworld')).toEqual({ body: 'hello\nworld', kind: 'text' });
    expect(parseComposerText('/me waves')).toEqual({ body: 'waves', kind: 'action' });
    expect(parseComposerText('//me is a command')).toEqual({ body: '/me is a command', kind: 'text' });
    expect(parseComposerText('/meow')).toEqual({ body: '/meow', kind: 'text' });
  });

  it('has nothing to send for blank text or a bare /me', () => {
    expect(parseComposerText('   ')).toBeNull();
    expect(parseComposerText('/me ')).toBeNull();
  });
});
