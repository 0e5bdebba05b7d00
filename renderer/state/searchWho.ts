/**
 * The search panel's "Person or buddy" choices: every person (merged buddies, searched on
 * every account) and every buddy not merged into one, by name. The values are whoChoice()'s.
 */
import type { ContactView } from '../../electron/bridge/schemas.js';
import { contactKey } from './contacts.js';
import type { PersonEntry } from './people.js';
import { whoChoice } from './search.js';

export interface WhoOption {
  readonly value: string;
  readonly label: string;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byLabel = (a: WhoOption, b: WhoOption): number => collator.compare(a.label, b.label);

export function whoOptions(
  persons: readonly PersonEntry[], contacts: ReadonlyMap<string, ContactView>, accountLabel: (accountId: string) => string,
): { readonly people: readonly WhoOption[]; readonly buddies: readonly WhoOption[] } {
  const merged = new Set(persons.flatMap((person) => person.buddies.map((buddy) => contactKey(buddy.accountId, buddy.id))));
  const people = persons.map((person) => ({ value: whoChoice({ personId: person.id }), label: `${person.name} (${person.networks.join(', ')})` })).sort(byLabel);
  const buddies = [...contacts.values()].filter((contact) => !merged.has(contactKey(contact.accountId, contact.id)))
    .map((contact) => ({ value: whoChoice({ buddy: { accountId: contact.accountId, contactId: contact.id } }), label: `${contact.displayName} (${accountLabel(contact.accountId)})` }))
    .sort(byLabel);
  return { people, buddies };
}
