import type { Handlers } from '../dispatcher.ts';
import type { Identity } from './identity.ts';

type IdentityHandlers = Pick<Handlers, 'identity.show' | 'identity.rename' | 'identity.unlock' | 'identity.setPassphrase' | 'identity.backup'>;

export function identityHandlers(identity: Identity): IdentityHandlers {
  return {
    'identity.show': () => identity.view(),
    'identity.rename': ({ name }) => identity.rename(name),
    'identity.unlock': ({ passphrase }) => identity.unlock(passphrase),
    'identity.setPassphrase': ({ passphrase }) => identity.setPassphrase(passphrase),
    'identity.backup': () => ({ name: `paneldesk-identity-${identity.view().fingerprint.replace(/ /g, '').slice(0, 8)}.json`, bytes: identity.backup() }),
  };
}
