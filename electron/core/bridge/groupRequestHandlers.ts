/** The bridge requests of buddy-list groups and suggested merges. */
import type { RequestHandlers } from '../../bridge/contract.js';
import type { GroupService } from '../contacts/groupService.js';
import type { MergeSuggestionService } from '../contacts/mergeSuggestionService.js';

type GroupRequests = 'groups.list' | 'groups.create' | 'groups.rename' | 'groups.remove' | 'groups.reorder' | 'groups.setCollapsed'
  | 'groups.moveContact' | 'groups.movePerson' | 'people.suggestions' | 'people.dismissSuggestion';

export function createGroupRequestHandlers(groups: GroupService, suggestions: MergeSuggestionService): Pick<RequestHandlers, GroupRequests> {
  return {
    'groups.list': () => Promise.resolve(groups.list()),
    'groups.create': ({ name }) => Promise.resolve(groups.create(name)),
    'groups.rename': ({ name, to }) => groups.rename(name, to),
    'groups.remove': ({ name }) => groups.remove(name),
    'groups.reorder': ({ names }) => Promise.resolve(groups.reorder(names)),
    'groups.setCollapsed': ({ name, collapsed }) => Promise.resolve(groups.setCollapsed(name, collapsed)),
    'groups.moveContact': ({ accountId, contactId, from, to }) => groups.moveContact({ accountId, contactId }, from, to).then(() => null),
    'groups.movePerson': ({ personId, to }) => groups.movePerson(personId, to).then(() => null),
    'people.suggestions': () => Promise.resolve(suggestions.list()),
    'people.dismissSuggestion': ({ a, b }) => {
      suggestions.dismiss(a, b);
      return Promise.resolve(null);
    },
  };
}
