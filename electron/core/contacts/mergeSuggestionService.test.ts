import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../bridge/contract.js';
import type { AccountView } from '../../bridge/schemas.js';
import { EventBatcher } from '../bridge/eventBatcher.js';
import { AccountsRepository } from '../store/accountsRepository.js';
import { BuddyGroupsRepository } from '../store/buddyGroupsRepository.js';
import { ContactsRepository } from '../store/contactsRepository.js';
import { openDatabase } from '../store/database.js';
import { PersonsRepository } from '../store/personsRepository.js';
import { MergeSuggestionService } from './mergeSuggestionService.js';
import type { PluginManifest } from '../../../protocols/api/index.js';

function setup() {
  const db = openDatabase(':memory:');
  const accountsRepository = new AccountsRepository(db);
  for (const id of ['irc', 'xmpp']) accountsRepository.insert({ id, pluginId: id, settings: {}, secretKeys: [], enabled: true, createdAt: 1 });
  const contacts = new ContactsRepository(db);
  const persons = new PersonsRepository(db);
  const groups = new BuddyGroupsRepository(db);
  const events = new EventBatcher(0);
  const seen: BridgeEvent[] = [];
  events.subscribe((batch) => seen.push(...batch));
  const account = (id: string, self: string): AccountView => ({
    id, pluginId: id, label: self, settings: { me: self }, secretsStored: [], enabled: true, state: 'online',
  });
  const service = new MergeSuggestionService({
    contacts, persons, groups, events,
    accounts: {
      list: () => [account('irc', 'alice'), account('xmpp', 'alice@x.org')],
      pluginOf: (id) => id,
      manifestOf: () => ({ accountLabelField: 'me' }) as PluginManifest,
    },
  });
  const upsert = (accountId: string, id: string, displayName = id) => {
    const contact = contacts.upsert({ accountId, id, displayName, groups: [], presence: { status: 'available' } });
    events.emit({ type: 'contact.changed', payload: { contact } });
  };
  const drain = (): BridgeEvent[] => {
    events.flush();
    return seen.splice(0);
  };
  return { service, upsert, drain, persons, events };
}

const pairs = (service: MergeSuggestionService) => service.list().map(({ a, b }) => `${a.contactId}+${b.contactId}`);

describe('the merge suggestions service', () => {
  it('offers a new pair when a buddy arrives, not the user\'s own ids, and announces each change once', () => {
    const { service, upsert, drain } = setup();
    upsert('irc', 'alice');
    upsert('xmpp', 'alice@x.org');
    upsert('irc', 'frank');
    expect(pairs(service)).toEqual([]);
    drain();
    upsert('xmpp', 'frank@x.org');
    const events = drain();
    expect(events.filter((event) => event.type === 'people.suggestionsChanged')).toHaveLength(0);
    // The batch listener ran during the flush: its own announcement comes with the next one.
    expect(drain().flatMap((event) => (event.type === 'people.suggestionsChanged' ? event.payload.suggestions.map((s) => s.b.contactId) : []))).toEqual(['frank@x.org']);
    expect(pairs(service)).toEqual(['frank+frank@x.org']);
  });

  it('forgets a pair once it is merged or dismissed, and a dismissed pair stays dismissed', () => {
    const { service, upsert, drain, persons, events } = setup();
    upsert('irc', 'gina');
    upsert('xmpp', 'gina@x.org');
    upsert('irc', 'hank');
    upsert('xmpp', 'hank@x.org');
    expect(pairs(service)).toEqual(['gina+gina@x.org', 'hank+hank@x.org']);
    const id = persons.create(undefined, [{ accountId: 'irc', contactId: 'gina' }, { accountId: 'xmpp', contactId: 'gina@x.org' }]);
    const person = persons.get(id);
    if (person) events.emit({ type: 'person.changed', payload: { person } });
    drain();
    expect(pairs(service)).toEqual(['hank+hank@x.org']);
    service.dismiss({ accountId: 'xmpp', contactId: 'hank@x.org' }, { accountId: 'irc', contactId: 'hank' });
    expect(pairs(service)).toEqual([]);
    upsert('irc', 'hank', 'Hank');
    drain();
    expect(pairs(service)).toEqual([]);
  });
});
