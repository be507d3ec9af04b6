/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
/**
 * Runs requests the way n8n runs them, through n8n-core's own request helpers
 * (`requestWithAuthentication`: the HTTP Request node; `httpRequestWithAuthentication`: other
 * nodes). Only the credential store is ours: `StoredCredential` plays n8n's database, and
 * `credentialsHelper` reproduces what n8n's CredentialsHelper (packages/cli) does with
 * `preAuthentication` and `authenticate`: call the hook when the expirable field is empty or after
 * a failure, save and merge its answer only when it carries the expirable field.
 */
import 'reflect-metadata';
import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions, INode } from 'n8n-workflow';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { getRequestHelperFunctions } = require('n8n-core/dist/execution-engine/node-execution-context/utils/request-helpers');

/** n8n's database row of one credential: each read decrypts a fresh copy, each write is counted. */
export class StoredCredential {
	writes = 0;
	constructor(public data: ICredentialDataDecryptedObject) {}

	read(): ICredentialDataDecryptedObject {
		return JSON.parse(JSON.stringify(this.data));
	}

	write(data: ICredentialDataDecryptedObject): void {
		this.writes++;
		this.data = JSON.parse(JSON.stringify(data));
	}
}

/** Fills declared defaults as n8n does on load (only declared fields survive). */
export function withDefaults(type: ICredentialType, data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	const result: ICredentialDataDecryptedObject = {};
	for (const property of type.properties) {
		result[property.name] = (data[property.name] ?? property.default) as ICredentialDataDecryptedObject[string];
	}
	return result;
}

export interface N8nRequester {
	/** Like the HTTP Request node (legacy request shape, retry after any error). */
	legacyRequest(options: { uri: string; method?: string; json?: boolean; [key: string]: unknown }, itemIndex?: number): Promise<unknown>;
	/** Like other nodes (IHttpRequestOptions, retry after 401). */
	httpRequest(options: IHttpRequestOptions): Promise<unknown>;
	hookCalls: { expired: boolean }[];
}

export function n8nRequester(type: ICredentialType, stored: StoredCredential): N8nRequester {
	const node: INode = {
		id: 'node-1',
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [0, 0],
		parameters: {},
		credentials: { [type.name]: { id: '1', name: 'lab' } },
	};
	const hookCalls: { expired: boolean }[] = [];
	const credentialsHelper = {
		getParentTypes: () => [],
		async preAuthentication(
			helpers: { helpers: unknown },
			credentials: ICredentialDataDecryptedObject,
			_typeName: string,
			_node: INode,
			credentialsExpired: boolean,
		) {
			const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
			if (expirable === undefined || typeof type.preAuthentication !== 'function') return undefined;
			if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
			hookCalls.push({ expired: credentialsExpired });
			const output = await type.preAuthentication.call(helpers as never, credentials);
			if (output[expirable.name] === undefined) return undefined;
			stored.write({ ...stored.read(), ...output } as ICredentialDataDecryptedObject);
			return Object.assign(credentials, output);
		},
		async authenticate(credentials: ICredentialDataDecryptedObject, _typeName: string, requestOptions: IHttpRequestOptions) {
			if (typeof type.authenticate !== 'function') throw new Error('this harness drives function-form authenticate only');
			return await type.authenticate(credentials, requestOptions);
		},
	};
	const additionalData = { credentialsHelper };
	const helpers = getRequestHelperFunctions({}, node, additionalData);
	const context = {
		helpers,
		getNode: () => node,
		getCredentials: async () => withDefaults(type, stored.read()),
		logger: { warn: () => undefined, debug: () => undefined },
	};
	return {
		hookCalls,
		legacyRequest: async (options, itemIndex = 0) =>
			await helpers.requestWithAuthentication.call(context, type.name, { json: true, ...options }, undefined, itemIndex),
		httpRequest: async (options) => await helpers.httpRequestWithAuthentication.call(context, type.name, options),
	};
}

/** The message n8n would show for a failed request. */
export async function failureOf(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		return String((error as Error).message);
	}
	throw new Error('expected the request to fail, it succeeded');
}
