/**
 * Buddy lists and requests: what networks say about contacts (stored, announced) and what
 * the user does with them (add, rename, remove, block, answer a request, set presence).
 */
import type { Contact, Presence, UserRequest } from '../../../protocols/api/index.js';
import type { RequestView } from '../../bridge/schemas.js';
import type { Buddy } from '../model/buddy.js';
import type { AccountManager } from '../accounts/accountManager.js';
import { CoreError, notFound } from '../model/coreError.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import type { ContactsRepository } from '../store/contactsRepository.js';
import type { GroupService } from './groupService.js';
import type { PersonService } from './personService.js';
import type { RequestRegistry } from './requestRegistry.js';

export interface ContactServiceDeps {
  readonly accounts: AccountManager;
  readonly contacts: ContactsRepository;
  readonly requests: RequestRegistry;
  readonly events: EventBatcher;
  /** A contact that leaves its buddy list leaves its person too. */
  readonly persons: PersonService;
  /** Which groups a reported buddy is shown in (the profile's, for networks without groups). */
  readonly groups: Pick<GroupService, 'groupsFor'>;
}

export class ContactService {
  constructor(private readonly deps: ContactServiceDeps) {}

  list(): Buddy[] {
    return this.deps.contacts.list();
  }

  // --- from the network ---

  upserted(accountId: string, contact: Contact): void {
    const view: Buddy = {
      accountId,
      id: contact.id,
      displayName: contact.displayName || contact.id,
      groups: this.deps.groups.groupsFor(accountId, contact.id, contact.groups ?? []),
      presence: { status: contact.presence.status, ...(contact.presence.message !== undefined ? { message: contact.presence.message } : {}) },
      ...(contact.subscription !== undefined ? { subscription: contact.subscription } : {}),
      ...(contact.blocked ? { blocked: true } : {}),
      ...(contact.avatar ? { avatarDataUrl: `data:${contact.avatar.mimeType};base64,${contact.avatar.dataBase64}` } : {}),
    };
    this.changed(this.deps.contacts.upsert(view));
  }

  removed(accountId: string, contactId: string): void {
    const removed = this.deps.persons.removingContact(accountId, contactId, () => this.deps.contacts.remove(accountId, contactId));
    if (removed) this.deps.events.emit({ type: 'contact.removed', payload: { accountId, contactId } });
  }

  presenceChanged(accountId: string, contactId: string, presence: Presence): void {
    const contact = this.deps.contacts.setPresence(accountId, contactId, presence);
    if (contact) this.changed(contact);
  }

  requestRaised(accountId: string, request: UserRequest): void {
    const view = this.deps.requests.raise(accountId, request);
    if (view) this.deps.events.emit({ type: 'request.raised', payload: { request: view } });
  }

  requestClosed(accountId: string, requestId: string): void {
    if (this.deps.requests.close(accountId, requestId)) {
      this.deps.events.emit({ type: 'request.closed', payload: { accountId, requestId } });
    }
  }

  /** The account is no longer online: presence is unknown and its requests are void. */
  accountOffline(accountId: string): void {
    for (const contact of this.deps.contacts.forgetPresence(accountId)) this.changed(contact);
    for (const requestId of this.deps.requests.closeAll(accountId)) {
      this.deps.events.emit({ type: 'request.closed', payload: { accountId, requestId } });
    }
  }

  // --- from the user ---

  async add(accountId: string, contactId: string, displayName: string | undefined, groups: readonly string[] | undefined): Promise<void> {
    this.requireManagement(accountId);
    await this.deps.accounts.call(accountId, 'addContact', [{ id: contactId, ...(displayName ? { displayName } : {}), ...(groups ? { groups } : {}) }]);
  }

  async update(accountId: string, contactId: string, displayName: string | undefined, groups: readonly string[] | undefined): Promise<void> {
    this.requireManagement(accountId);
    await this.deps.accounts.call(accountId, 'updateContact', [{ id: contactId, ...(displayName ? { displayName } : {}), ...(groups ? { groups } : {}) }]);
  }

  async remove(accountId: string, contactId: string): Promise<void> {
    this.requireManagement(accountId);
    await this.deps.accounts.call(accountId, 'removeContact', [contactId]);
  }

  async setBlocked(accountId: string, contactId: string, blocked: boolean): Promise<void> {
    await this.deps.accounts.call(accountId, 'setBlocked', [contactId, blocked]);
  }

  requestsList(): RequestView[] {
    return this.deps.requests.list();
  }

  async answer(accountId: string, requestId: string, choiceId: string): Promise<void> {
    const request = this.deps.requests.get(accountId, requestId);
    if (!request) throw notFound('This request is no longer open.');
    if (!request.choices.some((choice) => choice.id === choiceId)) throw new CoreError({ kind: 'invalid-request', message: 'That is not one of the choices.' });
    await this.deps.accounts.call(accountId, 'answerRequest', [requestId, choiceId]);
    this.requestClosed(accountId, requestId);
  }

  private requireManagement(accountId: string): void {
    const manifest = this.deps.accounts.manifestOf(accountId);
    if (!manifest.capabilities.contactManagement) {
      throw new CoreError({ kind: 'not-supported', message: `${manifest.name} has no buddy list to change.` });
    }
  }

  private changed(contact: Buddy): void {
    this.deps.events.emit({ type: 'contact.changed', payload: { contact } });
  }
}
