import { describe, expect, it } from 'vitest';
import { helpLines, parseComposerInput, parseComposerText, unknownCommandMessage } from './composer.js';
import { richPlugin } from './testData.js';

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

describe('parseComposerInput', () => {
  const commands = richPlugin.commands ?? [];

  it('runs the plugin\'s commands (any case), with the rest of the line as arguments', () => {
    expect(parseComposerInput('/whois bob', commands)).toEqual({ type: 'command', command: 'whois', args: 'bob' });
    expect(parseComposerInput('/WHOIS  bob  ', commands)).toEqual({ type: 'command', command: 'whois', args: 'bob' });
    expect(parseComposerInput('/topic new topic\nline two', commands)).toEqual({ type: 'command', command: 'topic', args: 'new topic\nline two' });
    expect(parseComposerInput('/whois', commands)).toEqual({ type: 'command', command: 'whois', args: '' });
  });

  it('keeps /me an action, /help help, and an unknown /word an error; text, // and paths are messages', () => {
    expect(parseComposerInput('/me waves', commands)).toEqual({ type: 'message', message: { body: 'waves', kind: 'action' } });
    expect(parseComposerInput('/help', commands)).toEqual({ type: 'help' });
    expect(parseComposerInput('/shrug', commands)).toEqual({ type: 'unknown-command', command: 'shrug' });
    expect(parseComposerInput('/whois bob', [])).toEqual({ type: 'unknown-command', command: 'whois' });
    expect(parseComposerInput('//shrug', commands)).toEqual({ type: 'message', message: { body: '/shrug', kind: 'text' } });
    expect(parseComposerInput('/usr/bin/env is a path', commands)).toEqual({ type: 'message', message: { body: '/usr/bin/env is a path', kind: 'text' } });
    expect(parseComposerInput('hi', commands)).toEqual({ type: 'message', message: { body: 'hi', kind: 'text' } });
    expect(parseComposerInput('  ', commands)).toBeNull();
  });

  it('lists the built-in and the plugin\'s commands for /help', () => {
    expect(helpLines(commands)).toEqual([
      'Commands:',
      '/me <action> — send an action ("* you waves")',
      '/help — list the commands',
      '//text — send a text that starts with /',
      '/topic <text> — Change the topic',
      '/whois <nick> — Show who someone is',
    ]);
    expect(unknownCommandMessage('shrug')).toMatch(/^Unknown command \/shrug\. Type \/help/);
  });
});
