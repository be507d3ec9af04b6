import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { TokenLab } from '../../servers/token-lab';

/** A Basic to Bearer credential as a user would fill it in for the lab. */
export function basicToBearerFor(lab: TokenLab, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		username: lab.settings.username,
		password: lab.settings.password,
		accessTokenUrl: lab.basicTokenUrl,
		...overrides,
	};
}

/** An OAuth2 Password Grant credential as a user would fill it in for the lab. */
export function passwordGrantFor(lab: TokenLab, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		clientId: lab.settings.clientId,
		clientSecret: lab.settings.clientSecret,
		username: lab.settings.username,
		password: lab.settings.password,
		accessTokenUrl: lab.oauthTokenUrl,
		...overrides,
	};
}

export const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh copy of a credential class, as a new n8n process would load it (empty token store). */
export function freshlyLoaded<T>(load: () => new () => T): T {
	let loaded: T | undefined;
	jest.isolateModules(() => {
		loaded = new (load())();
	});
	return loaded as T;
}
