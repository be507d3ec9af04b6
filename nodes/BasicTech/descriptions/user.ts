import type { INodeProperties } from 'n8n-workflow';

export const userOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get the signed in user',
				description: 'Read the profile of the account the credential is connected to',
			},
		],
		default: 'get',
		description: 'What to read about the connected user',
	},
];
