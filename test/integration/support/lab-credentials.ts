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

/** A fresh copy of a credential class, as a new n8n process would load it (empty token store). */
export function freshlyLoaded<T>(load: () => new () => T): T {
	let loaded: T | undefined;
	jest.isolateModules(() => {
		loaded = new (load())();
	});
	return loaded as T;
}
