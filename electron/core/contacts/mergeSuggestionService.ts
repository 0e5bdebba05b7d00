/**
 * The "Merge?" offers of the buddy list: {@link mergeSuggestions} over the stored contacts,
 * recomputed when a batch of events adds, renames or removes a buddy, or changes a person
 * (a presence change does not touch them), and announced when they change. Dismissed
 * pairs are kept in the profile and never offered again.
 */
import type { BridgeEvent } from '../../bridge/contract.js';
import type { MergeSuggestion, PersonMember } from '../../bridge/schemas.js';
import type { AccountManager } from '../accounts/accountManager.js';
import type { EventBatcher } from '../bridge/eventBatcher.js';
import type { BuddyGroupsRepository } from '../store/buddyGroupsRepository.js';
import type { ContactsRepository } from '../store/contactsRepository.js';
import type { PersonsRepository } from '../store/personsRepository.js';
import { memberKey, mergeSuggestions, pairKey } from './mergeSuggestions.js';

export interface MergeSuggestionDeps {
  readonly contacts: ContactsRepository;
  readonly persons: PersonsRepository;
  readonly groups: BuddyGroupsRepository;
  readonly accounts: Pick<AccountManager, 'list' | 'pluginOf' | 'manifestOf'>;
  readonly events: EventBatcher;
}

export class MergeSuggestionService {
  private current: MergeSuggestion[] | undefined;
  /** Contact key → display name, as last computed: a batch that changes none of them changes nothing. */
  private names = new Map<string, string>();
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: MergeSuggestionDeps) {
    this.unsubscribe = deps.events.subscribe((batch) => {
      if (this.current !== undefined && batch.some((event) => this.matters(event))) this.refresh();
    });
  }

  list(): MergeSuggestion[] {
    this.current ??= this.compute();
    return this.current;
  }

  /** The user said these two are not the same person: never offered again. */
  dismiss(a: PersonMember, b: PersonMember): void {
    this.deps.groups.dismiss(pairKey(a, b));
    this.refresh();
  }

  dispose(): void {
    this.unsubscribe();
  }

  private matters(event: BridgeEvent): boolean {
    switch (event.type) {
      case 'contact.changed': {
        const { contact } = event.payload;
        return this.names.get(memberKey(contact.accountId, contact.id)) !== contact.displayName;
      }
      case 'contact.removed': case 'person.changed': case 'person.removed': case 'account.removed':
        return true;
      case 'account.changed':
        return !this.deps.accounts.list().every((account) => this.names.has(`account\u0000${account.id}`));
      default:
        return false;
    }
  }

  private refresh(): void {
    const before = JSON.stringify(this.current);
    this.current = this.compute();
    if (JSON.stringify(this.current) !== before) {
      this.deps.events.emit({ type: 'people.suggestionsChanged', payload: { suggestions: this.current } });
    }
  }

  private compute(): MergeSuggestion[] {
    const contacts = this.deps.contacts.list();
    const accounts = this.deps.accounts.list();
    const personOf = new Map<string, number>();
    for (const person of this.deps.persons.list()) for (const member of person.members) personOf.set(memberKey(member.accountId, member.contactId), person.id);
    const selfIds = accounts.flatMap((account) => {
      const value = account.settings[this.labelField(account.id)];
      return typeof value === 'string' && value !== '' ? [value] : [];
    });
    this.names = new Map(contacts.map((contact) => [memberKey(contact.accountId, contact.id), contact.displayName]));
    for (const account of accounts) this.names.set(`account\u0000${account.id}`, account.label);
    return mergeSuggestions({
      contacts, personOf, selfIds, dismissed: this.deps.groups.dismissed(),
      networkOf: (accountId) => this.deps.accounts.pluginOf(accountId),
    });
  }

  private labelField(accountId: string): string {
    try {
      return this.deps.accounts.manifestOf(accountId).accountLabelField;
    } catch {
      return '';
    }
  }
}
