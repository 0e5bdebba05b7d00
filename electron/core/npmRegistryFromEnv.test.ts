import { describe, expect, it } from 'vitest';
import { npmRegistryFromEnv } from './hostStartup.js';

describe('the npm registry plugins are installed from', () => {
  it('is npm\'s own registry setting when the environment has one (npm run sets it), else the core\'s default', () => {
    expect(npmRegistryFromEnv({ npm_config_registry: 'https://npm.example.org/mirror/' })).toEqual({ npmRegistry: 'https://npm.example.org/mirror/' });
    expect(npmRegistryFromEnv({ npm_config_registry: 'http://127.0.0.1:4873' })).toEqual({ npmRegistry: 'http://127.0.0.1:4873/' });
    expect(npmRegistryFromEnv({})).toEqual({});
    expect(npmRegistryFromEnv({ npm_config_registry: '  ' })).toEqual({});
    // Not a web address: ignored rather than failing every install.
    expect(npmRegistryFromEnv({ npm_config_registry: 'file:///etc' })).toEqual({});
    expect(npmRegistryFromEnv({ npm_config_registry: 'not a url' })).toEqual({});
  });
});
