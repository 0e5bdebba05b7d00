/**
 * The composition root: picks the transport, creates the stores, the actions and the
 * session, and renders the app. Nothing else in the renderer creates any of these.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { startSession } from './bridge/session.js';
import { chooseTransport } from './bridge/transports.js';
import { createActions } from './state/actions.js';
import { createStores } from './state/stores.js';
import { App } from './views/App.js';
import { AppContext, type AppServices } from './views/AppContext.js';
import './styles.css';

// The page's CSP has no 'unsafe-eval': keep zod from probing `new Function` (a CSP violation report).
z.config({ jitless: true });

const stores = createStores();
const actions = createActions(stores);
const services: AppServices = { stores, actions };

const session = startSession({
  stores,
  actions,
  createTransport: chooseTransport(window),
  isPageVisible: () => document.visibilityState === 'visible',
});
document.addEventListener('visibilitychange', () => session.pageShown());
window.addEventListener('pagehide', () => session.stop());

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <AppContext value={services}>
      <App />
    </AppContext>
  </StrictMode>,
);
