import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { TokenPlacement } from '../placement';

/** Use Raw Token: declared here and read here (`authorizationPlacement`). */
export const useRawTokenField: INodeProperties = {
	displayName: 'Use Raw Token',
	name: 'omitBearerPrefix',
	type: 'boolean',
	default: false,
	description: 'Whether to send the token without the "Bearer " prefix in the Authorization header',
};

/**
 * `Authorization: Bearer <token>`, the placement of every type without a Send Token As field;
 * the bare token when the credential's Use Raw Token (`omitBearerPrefix`) is on.
 */
export function authorizationPlacement(credentials: IDataObject): TokenPlacement {
	return { sendAs: 'header', headerName: 'Authorization', prefix: credentials.omitBearerPrefix === true ? '' : 'Bearer ' };
}
