/** The whole window: connection banner, buddy list on the left, tabs on the right, dialogs. */
import { AccountDialog } from './AccountDialog.js';
import { AccountAlerts } from './AccountAlerts.js';
import { AccountsDialog } from './AccountsDialog.js';
import { PluginsDialog } from './PluginsDialog.js';
import { AddContactDialog } from './AddContactDialog.js';
import { MergeContactDialog } from './MergeContactDialog.js';
import { storageBanner } from '../state/storage.js';
import { useApp, useAppStore } from './AppContext.js';
import { ContactsPanel } from './ContactsPanel.js';
import { GlobalStatus } from './GlobalStatus.js';
import { ConversationPanel } from './ConversationPanel.js';
import { ConversationTabs } from './ConversationTabs.js';
import { DeleteMessageDialog } from './DeleteMessageDialog.js';
import { JoinRoomDialog, NewMessageDialog } from './JoinRoomDialog.js';
import { SpaceRoomsDialog } from './SpaceRoomsDialog.js';
import { LinkDialog } from './LinkDialog.js';
import { OpenLinkDialog } from './OpenLinkDialog.js';
import { RequestsPanel } from './RequestsPanel.js';
import { InviteDialog, KickMemberDialog, LeaveRoomDialog } from './RoomDialogs.js';
import { DestroyRoomDialog, MemberRoleDialog } from './RoomAdminDialogs.js';
import { RoomSettingsDialog } from './RoomSettingsDialog.js';
import { AffiliationListsDialog } from './AffiliationListsDialog.js';
import { SearchPanel } from './SearchPanel.js';
import { ServerConsole } from './ServerConsole.js';
import { SidebarToolbar } from './SidebarToolbar.js';
import { TrustCertificateDialog } from './TrustCertificateDialog.js';
import { OwnProfileDialog } from './OwnProfileDialog.js';
import { QuickSwitcher } from './QuickSwitcher.js';
import { SettingsDialog } from './SettingsDialog.js';
import { LogViewerDialog } from './LogViewerDialog.js';
import { useShortcuts } from './useShortcuts.js';
import { useT } from '../i18n/index.js';

function ConnectionBanner() {
  const status = useAppStore('connection', (state) => state.status);
  const t = useT();
  if (status === 'connecting') return <p className="banner banner-info" role="status">{t('app.connecting')}</p>;
  if (status === 'connected') return null;
  return (
    <div className="banner banner-error">
      <p role="alert">{t('app.disconnected')}</p>
      <p className="banner-detail">{t('app.retrying')}</p>
    </div>
  );
}

/** The core's disk is full (storage.ts): shown until its writes succeed again. */
function StorageBanner() {
  const status = useAppStore('storage', (state) => state.status);
  const banner = storageBanner(status);
  if (!banner) return null;
  return (
    <div className="banner banner-error">
      <p role="alert">{banner.title}</p>
      <p className="banner-detail">{banner.detail}</p>
    </div>
  );
}

function Welcome() {
  const { stores } = useApp();
  const t = useT();
  return (
    <section className="welcome" aria-labelledby="welcome-heading">
      <h2 id="welcome-heading">{t('app.welcomeTitle')}</h2>
      <p>{t('app.welcomeText')}</p>
      <div className="welcome-buttons">
        <button type="button" className="primary" onClick={() => stores.ui.setState({ dialog: { kind: 'account' } })}>{t('app.addAccount')}</button>
        <button type="button" onClick={() => stores.ui.setState({ dialog: { kind: 'join-room' } })}>{t('app.joinRoom')}</button>
      </div>
    </section>
  );
}

function Dialogs() {
  const { stores } = useApp();
  const dialog = useAppStore('ui', (state) => state.dialog);
  const close = (): void => stores.ui.setState({ dialog: null });
  if (!dialog) return null;
  // A dialog opened from the Accounts dialog closes back into it.
  const back = 'returnTo' in dialog ? (): void => stores.ui.setState({ dialog: { kind: 'accounts' } }) : close;
  switch (dialog.kind) {
    case 'accounts':
      return <AccountsDialog onClose={close} />;
    case 'account':
      if (dialog.prefill) return <AccountDialog prefill={dialog.prefill} onClose={back} />;
      return dialog.accountId === undefined ? <AccountDialog onClose={back} /> : <AccountDialog accountId={dialog.accountId} onClose={back} />;
    case 'link':
      return <LinkDialog resolution={dialog.resolution} onClose={close} />;
    case 'join-room':
      return <JoinRoomDialog onClose={close} />;
    case 'space-rooms':
      return <SpaceRoomsDialog conversationId={dialog.conversationId} onClose={close} />;
    case 'new-message':
      return <NewMessageDialog onClose={close} />;
    case 'add-contact':
      return <AddContactDialog onClose={close} />;
    case 'merge-contact':
      return <MergeContactDialog contact={dialog.contact} onClose={close} />;
    case 'open-link':
      return <OpenLinkDialog link={dialog.link} text={dialog.text} onClose={close} />;
    case 'delete-message':
      return <DeleteMessageDialog message={dialog.message} onClose={close} />;
    case 'trust-certificate':
      return <TrustCertificateDialog accountId={dialog.accountId} certificate={dialog.certificate} onClose={back} />;
    case 'own-profile':
      return <OwnProfileDialog accountId={dialog.accountId} onClose={back} />;
    case 'kick-member':
      return <KickMemberDialog conversationId={dialog.conversationId} member={dialog.member} onClose={close} />;
    case 'member-role':
      return <MemberRoleDialog conversationId={dialog.conversationId} memberId={dialog.memberId} onClose={close} />;
    case 'destroy-room':
      return <DestroyRoomDialog conversationId={dialog.conversationId} onClose={close} />;
    case 'room-settings':
      return <RoomSettingsDialog conversationId={dialog.conversationId} onClose={close} />;
    case 'room-affiliations':
      return <AffiliationListsDialog conversationId={dialog.conversationId} onClose={close} />;
    case 'invite':
      return <InviteDialog conversationId={dialog.conversationId} onClose={close} />;
    case 'leave-room':
      return <LeaveRoomDialog conversationId={dialog.conversationId} onClose={close} />;
    case 'switch-to':
      return <QuickSwitcher onClose={close} />;
    case 'settings':
      return <SettingsDialog onClose={close} />;
    case 'view-log':
      return <LogViewerDialog target={dialog.target} onClose={close} />;
    case 'plugins':
      return <PluginsDialog onClose={close} />;
  }
}

function ChatArea() {
  const active = useAppStore('conversations', (state) => (state.activeId === null ? undefined : state.byId.get(state.activeId)));
  const hasTabs = useAppStore('conversations', (state) => state.tabs.length > 0);
  const consoleAccount = useAppStore('ui', (state) => state.serverConsole);
  const serverAccount = useAppStore('accounts', (state) => (consoleAccount === null ? undefined : state.list.find((account) => account.id === consoleAccount)));
  const t = useT();
  return (
    <main className="chat" aria-label={t('app.chat')}>
      {hasTabs ? <ConversationTabs /> : null}
      {/* Keyed: each conversation (and console) gets fresh view state (scroll, draft, filter). */}
      {serverAccount ? <ServerConsole key={serverAccount.id} account={serverAccount} />
        : active ? <ConversationPanel key={active.id} conversation={active} /> : <Welcome />}
    </main>
  );
}

export function App() {
  const dialogOpen = useAppStore('ui', (state) => state.dialog !== null);
  useShortcuts();
  const t = useT();
  return (
    <div className="app">
      <ConnectionBanner />
      <StorageBanner />
      {/* The page's one level-one heading: the regions' h2 headings sit under it (axe "page-has-heading-one"). */}
      <h1 className="visually-hidden">Switchboard</h1>
      <div className="columns" inert={dialogOpen}>
        <aside className="sidebar" aria-label={t('app.buddyList')}>
          <GlobalStatus />
          <SidebarToolbar />
          <AccountAlerts />
          <RequestsPanel />
          <SearchPanel />
          <ContactsPanel />
        </aside>
        <ChatArea />
      </div>
      <Dialogs />
    </div>
  );
}
