import { tokenEndpointFailure, type TokenEndpointResponse } from '../http';
import { parseMaybeJson } from './json';

/** Throws the token endpoint's failure (refused login or server error) for a non-2xx answer. */
export function refuseFailureStatus(response: TokenEndpointResponse, secrets: string[]): void {
	if (response.statusCode < 200 || response.statusCode > 299) {
		throw tokenEndpointFailure(response.statusCode, parseMaybeJson(response.body), secrets);
	}
}

