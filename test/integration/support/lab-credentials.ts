import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { TokenLab } from '../../servers/token-lab';
import { basicToBearerFields, passwordGrantFields } from '../../support/credential-fields';

/** A Basic to Bearer credential as a user would fill it in for the lab. */
export function basicToBearerFor(lab: TokenLab, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return { ...basicToBearerFields(lab.settings, lab.basicTokenUrl), ...overrides };
}

/** An OAuth2 Password Grant credential as a user would fill it in for the lab. */
export function passwordGrantFor(lab: TokenLab, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return { ...passwordGrantFields(lab.settings, lab.oauthTokenUrl), ...overrides };
}

/**
 * A credential type as a new n8n process would load it: its class file loaded afresh (with the
 * engine's empty token store), e.g. `inNewProcess<BasicToBearerApi>('BasicToBearerApi')`.
 */
export function inNewProcess<T>(className: string): T {
	let loaded: T | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const type = require(`../../../credentials/${className}.credentials`)[className] as new () => T;
		loaded = new type();
	});
	return loaded as T;
}
