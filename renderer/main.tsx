/**
 * The composition root: picks the transport, creates the stores, the actions and the
 * session, and renders the app. Nothing else in the renderer creates any of these.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { startSession } from './bridge/session.js';
import { httpFileUpload } from './bridge/httpUpload.js';
import { chooseTransport, findPreloadBridge } from './bridge/transports.js';
import { browserPlatform, type Platform } from './state/actionContext.js';
import { createActions } from './state/actions.js';
import { linkInPage, startLinkIntake } from './state/linkIntake.js';
import { startActivityReports } from './state/activityReports.js';
import { DARK_QUERY, startAppearance } from './state/appearance.js';
import { startLanguage } from './i18n/language.js';
import { createStores } from './state/stores.js';
import { startTypingExpiry } from './state/typing.js';
import { keepTabsInOrder } from './state/tabActions.js';
import { browserWindowHost, startWindowLink } from './bridge/windowLink.js';
import { App } from './views/App.js';
import { AppContext, type AppServices } from './views/AppContext.js';
import './styles.css';
import './identity.css';
import './accounts.css';
import './tabs.css';
import './notify.css';
import './composer.css';
import './threads.css';

// The page's CSP has no 'unsafe-eval': keep zod from probing `new Function` (a CSP violation report).
z.config({ jitless: true });

const stores = createStores();
// In the Electron app files go over IPC; in headless mode by HTTP next to the page.
const platform: Platform = findPreloadBridge(window)
  ? browserPlatform
  : { ...browserPlatform, uploadFile: httpFileUpload(window.location.href, (url, init) => fetch(url, init)) };
const actions = createActions(stores, platform);
const stopAppearance = startAppearance(document.documentElement, window.matchMedia(DARK_QUERY), stores.preferences);
const stopLanguage = startLanguage(document.documentElement, stores.preferences, () => navigator.languages);
// Tabs in the saved order (the same in every window); which window holds which tabs.
const stopTabOrder = keepTabsInOrder(stores.conversations, stores.preferences);
const windows = startWindowLink({ stores, activate: (id) => actions.activateConversation(id), host: browserWindowHost(window) });
const services: AppServices = { stores, actions, windows };

// A link in the page's address (`?open=xmpp:…`) is asked about once: the address loses it.
const pageLink = linkInPage(window.location.href);
if (pageLink) window.history.replaceState(null, '', pageLink.rest);
const links = startLinkIntake(stores.connection, actions, pageLink?.uri);
const session = startSession({
  stores,
  actions,
  createTransport: chooseTransport(window),
  isPageVisible: () => document.visibilityState === 'visible',
  onEvents: (events) => {
    actions.notifyAbout(events);
    links.events(events);
  },
});
const stopTypingExpiry = startTypingExpiry(stores.typing, {
  now: () => Date.now(),
  every: (callback, ms) => {
    const timer = window.setInterval(callback, ms);
    return () => window.clearInterval(timer);
  },
});
document.addEventListener('visibilitychange', () => session.pageShown());
// Auto-away in headless mode counts idle time from this page's input.
const stopActivityReports = startActivityReports(window, () => actions.reportActivity(), () => Date.now());
// A file dropped anywhere but on a conversation that takes files would otherwise replace the page.
const ignoreFileDrop = (event: DragEvent): void => {
  if (event.dataTransfer?.types.includes('Files') === true) event.preventDefault();
};
window.addEventListener('dragover', ignoreFileDrop);
window.addEventListener('drop', ignoreFileDrop);
window.addEventListener('pagehide', () => {
  session.stop();
  links.stop();
  stopTypingExpiry();
  stopActivityReports();
  stopAppearance();
  stopLanguage();
  stopTabOrder();
  windows.stop();
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <AppContext value={services}>
      <App />
    </AppContext>
  </StrictMode>,
);
