import { UserVerificationStatus } from 'matrix-js-sdk/lib/crypto-api/index.js';
import { describe, expect, it } from 'vitest';
import { identityWarning } from './crossSigning.js';

describe('identity changes, in words', () => {
  it('says that a verified person\'s identity changed, and that a pinned one changed', () => {
    // (verified now, verified before, trusted on first use, needs approval)
    expect(identityWarning('Bob', new UserVerificationStatus(false, true, false, true))).toMatch(/^⚠️ Bob's identity changed since you verified them: .*Verify them again/);
    expect(identityWarning('Bob', new UserVerificationStatus(false, false, false, true))).toMatch(/^⚠️ Bob's identity changed: .*Check with them/);
  });

  it('says nothing when trust only grew or nothing the user relied on changed', () => {
    expect(identityWarning('Bob', new UserVerificationStatus(true, true, false))).toBeUndefined();
    expect(identityWarning('Bob', new UserVerificationStatus(true, false, false))).toBeUndefined();
    expect(identityWarning('Bob', new UserVerificationStatus(false, false, true))).toBeUndefined();
  });
});
