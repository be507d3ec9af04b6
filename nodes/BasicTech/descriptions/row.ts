import type { INodeProperties } from 'n8n-workflow';

const showForRow = { resource: ['row'] };

export const rowOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showForRow },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a row', description: 'Add a row to a table' },
			{ name: 'Delete', value: 'delete', action: 'Delete a row', description: 'Remove a row by ID' },
			{ name: 'Get', value: 'get', action: 'Get a row', description: 'Read one row by ID' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many rows',
				description: 'List rows, with filters, order and paging',
			},
			{
				name: 'Replace',
				value: 'replace',
				action: 'Replace a row',
				description: 'Overwrite a whole row (PUT)',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a row',
				description: 'Change some fields of a row (PATCH)',
			},
		],
		default: 'getAll',
	},
];

export const rowFields: INodeProperties[] = [
	{
		displayName: 'Project ID',
		name: 'projectId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: showForRow },
		description: 'ID of the Basic project whose database to use (the Project ID in the credential, usually)',
	},
	{
		displayName: 'Table',
		name: 'table',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'todos',
		displayOptions: { show: showForRow },
		description: "Name of the table in the project's schema",
	},
	{
		displayName: 'Row ID',
		name: 'rowId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { ...showForRow, operation: ['get', 'update', 'replace', 'delete'] } },
		description: 'ID of the row',
	},
	{
		displayName: 'Data',
		name: 'dataMode',
		type: 'options',
		options: [
			{
				name: 'Define Below (JSON)',
				value: 'json',
				description: 'Write the row as a JSON object',
			},
			{
				name: 'Use Input Item',
				value: 'autoMap',
				description: "Send the incoming item's JSON as the row",
			},
		],
		default: 'json',
		displayOptions: { show: { ...showForRow, operation: ['create', 'update', 'replace'] } },
	},
	{
		displayName: 'Row (JSON)',
		name: 'rowJson',
		type: 'json',
		default: '{\n  "title": "Buy milk",\n  "done": false\n}',
		required: true,
		displayOptions: {
			show: { ...showForRow, operation: ['create', 'update', 'replace'], dataMode: ['json'] },
		},
		description: 'Fields of the row, as a JSON object. Update sends only these fields; Replace overwrites the row with them.',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		displayOptions: { show: { ...showForRow, operation: ['getAll'] } },
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { ...showForRow, operation: ['getAll'], returnAll: [false] } },
		description: 'Max number of results to return',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { ...showForRow, operation: ['getAll'] } },
		description: 'Conditions rows must meet; Basic accepts one condition per field',
		options: [
			{
				displayName: 'Condition',
				name: 'conditions',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: 'status',
					},
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						options: [
							{ name: 'Equal', value: 'eq' },
							{ name: 'Greater Than', value: 'gt' },
							{ name: 'Greater Than or Equal', value: 'gte' },
							{ name: 'In List', value: 'in', description: 'Value is a comma-separated list' },
							{ name: 'Less Than', value: 'lt' },
							{ name: 'Less Than or Equal', value: 'lte' },
							{ name: 'Like (Case-Insensitive)', value: 'ilike', description: 'Use * as wildcard' },
							{ name: 'Like (Case-Sensitive)', value: 'like', description: 'Use * as wildcard' },
							{
								name: 'Not',
								value: 'not',
								description: 'Negate a condition: the value is operator.value, for example eq.done',
							},
							{ name: 'Not Equal', value: 'neq' },
						],
						default: 'eq',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
					},
				],
			},
		],
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Sort Rule',
		default: {},
		displayOptions: { show: { ...showForRow, operation: ['getAll'] } },
		description: 'Order of the rows; the first rule counts most',
		options: [
			{
				displayName: 'Rule',
				name: 'rules',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'string',
						default: '',
						placeholder: 'created_at',
					},
					{
						displayName: 'Direction',
						name: 'direction',
						type: 'options',
						options: [
							{ name: 'Ascending', value: 'asc' },
							{ name: 'Descending', value: 'desc' },
						],
						default: 'asc',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { ...showForRow, operation: ['getAll'] } },
		options: [
			{
				displayName: 'Offset',
				name: 'offset',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Number of rows to skip first',
			},
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 100,
				description: 'Rows asked for per request when Return All is on',
			},
		],
	},
];
