// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeRequestError } from '../../electron/bridge/client.js';
import { message } from '../state/testData.js';
import { Composer } from './Composer.js';
import { flush, renderWithApp } from './testHarness.js';

afterEach(cleanup);

function textarea(): HTMLTextAreaElement {
  const element = screen.getByRole('textbox', { name: 'Message' });
  if (!(element instanceof HTMLTextAreaElement)) throw new Error('the composer is not a textarea');
  return element;
}

async function type(text: string, key: { shiftKey?: boolean } = {}): Promise<void> {
  fireEvent.change(textarea(), { target: { value: text } });
  fireEvent.keyDown(textarea(), { key: 'Enter', ...key });
  await flush();
}

describe('Composer', () => {
  it('sends on Enter, clears, and shows the sent message as "sending…" in the store', async () => {
    const { request, stores } = renderWithApp(<Composer conversationId={1} />,
      () => Promise.resolve(message({ id: 42, direction: 'out', status: 'sending', body: 'hello there' })));
    await type('hello there');
    expect(request).toHaveBeenCalledWith('messages.send', { conversationId: 1, body: 'hello there', kind: 'text' });
    expect(textarea().value).toBe('');
    expect(stores.messages.getState().byConversation.get(1)?.items.map((item) => item.status)).toEqual(['sending']);
  });

  it('does not send on Shift+Enter', async () => {
    const { request } = renderWithApp(<Composer conversationId={1} />, () => Promise.resolve(message()));
    await type('line one', { shiftKey: true });
    expect(request).not.toHaveBeenCalled();
    expect(textarea().value).toBe('line one');
  });

  it('sends /me as an action', async () => {
    const { request } = renderWithApp(<Composer conversationId={3} />, () => Promise.resolve(message({ conversationId: 3, kind: 'action' })));
    await type('/me waves');
    expect(request).toHaveBeenCalledWith('messages.send', { conversationId: 3, body: 'waves', kind: 'action' });
  });

  it('keeps the text and shows the error when sending fails', async () => {
    renderWithApp(<Composer conversationId={1} />,
      () => Promise.reject(new BridgeRequestError({ kind: 'not-supported', message: 'This room is read-only.' })));
    await type('hello?');
    expect(textarea().value).toBe('hello?');
    expect(screen.getByRole('alert').textContent).toBe('Not sent: This room is read-only.');
  });

  it('a file pasted where files cannot be sent is refused in words, and nothing is sent', async () => {
    const { request } = renderWithApp(<Composer conversationId={1} />, () => Promise.resolve(message()));
    fireEvent.paste(textarea(), { clipboardData: { files: [new File(['x'], 'cat.png', { type: 'image/png' })] } });
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('Files cannot be sent in this conversation.');
    expect(screen.queryByRole('region', { name: 'Files to send' })).toBeNull();
    expect(request).not.toHaveBeenCalled();
  });

  it('pasted text is left to the text box', async () => {
    renderWithApp(<Composer conversationId={1} />, () => Promise.resolve(message()));
    const event = fireEvent.paste(textarea(), { clipboardData: { files: [] } });
    expect(event).toBe(true); // not prevented: the browser pastes the text
    await flush();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
