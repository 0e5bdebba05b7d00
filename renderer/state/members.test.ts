import { describe, expect, it } from 'vitest';
import { filterMembers, memberGlyph, sortMembers } from './members.js';
import { member } from './testData.js';

describe('member list order', () => {
  it('sorts by role, then by name, with the role glyph', () => {
    const sorted = sortMembers([member('zoe'), member('bob', 'voice'), member('Amy'), member('carl', 'owner'), member('dan', 'operator'), member('eve', 'halfop'), member('fay', 'admin')]);
    expect(sorted.map((item) => `${memberGlyph(item)}${item.displayName}`)).toEqual(['~carl', '&fay', '@dan', '%eve', '+bob', 'Amy', 'zoe']);
  });

  // How fast is the bench's (npm run bench -- state); here, what comes out.
  it('sorts and filters 20,000 members', () => {
    const many = Array.from({ length: 20_000 }, (_, index) => member(`user${index}`, index % 50 === 0 ? 'voice' : undefined));
    const sorted = sortMembers(many);
    expect(sorted[0]?.id).toBe('user0'); // voiced (every 50th) before the rest
    const found = filterMembers(sorted, 'user1999');
    expect(found.map((item) => item.id)).toEqual(['user1999', 'user19990', 'user19991', 'user19992', 'user19993', 'user19994', 'user19995', 'user19996', 'user19997', 'user19998', 'user19999']);
  });
});
