/** Renders views over fresh stores and a fake bridge client (for jsdom tests). */
import { act, render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { VirtuosoMockContext } from 'react-virtuoso';
import { vi } from 'vitest';
import type { RequestName, RequestParams, RequestResult } from '../../electron/bridge/contract.js';
import { createActions } from '../state/actions.js';
import type { BridgeApi } from '../state/connection.js';
import { createStores, type Stores } from '../state/stores.js';
import { AppContext } from './AppContext.js';

export type FakeRequest = (method: RequestName, params: unknown) => Promise<unknown>;

export interface Harness extends RenderResult {
  readonly stores: Stores;
  readonly request: ReturnType<typeof vi.fn<FakeRequest>>;
}

/**
 * jsdom lays nothing out: the windowed message log (react-virtuoso) is told a window's
 * height and a row's, here a window for 200 rows (more than any test's conversation but
 * the one about windowing).
 */
const JSDOM_LAYOUT = { viewportHeight: 4000, itemHeight: 20 };
// jsdom has no scrollBy, which Virtuoso calls to keep the place when older rows are prepended.
if (typeof Element.prototype.scrollBy !== 'function') {
  Element.prototype.scrollBy = function scrollBy(this: Element, options?: ScrollToOptions | number) {
    this.scrollTop += typeof options === 'object' ? options.top ?? 0 : 0;
  };
}

/** A client whose `request` is a mock: give it an implementation per test. */
export function renderWithApp(ui: ReactNode, implementation: FakeRequest, prepare?: (stores: Stores) => void): Harness {
  const stores = createStores();
  const request = vi.fn<FakeRequest>(implementation);
  const client: BridgeApi = {
    request: <N extends RequestName>(method: N, params: RequestParams<N>) => request(method, params) as Promise<RequestResult<N>>,
  };
  stores.connection.setState({ status: 'connected', client });
  prepare?.(stores);
  const result = render(
    <AppContext value={{ stores, actions: createActions(stores) }}>
      <VirtuosoMockContext value={JSDOM_LAYOUT}>{ui}</VirtuosoMockContext>
    </AppContext>,
  );
  return { ...result, stores, request };
}

/** Lets pending request promises settle and React apply what they set. */
export function flush(): Promise<void> {
  return act(() => new Promise<void>((resolve) => { setTimeout(resolve, 0); }));
}

/** The texts an element's aria-describedby names, in order (its accessible description, piece by piece). */
export function describedBy(element: HTMLElement): (string | null | undefined)[] {
  return (element.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
}
