import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { rowFields, rowOperations } from './descriptions/row';
import { userOperations } from './descriptions/user';
import type { RowFilter, RowOrder } from './query';
import { buildListQuery } from './query';
import { basicApiError, basicApiRequest, encodeSegment, MAX_PAGES, PAGE_SIZE, unwrapData } from './transport';

function toItems(value: unknown, itemIndex: number): INodeExecutionData[] {
	const rows = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
	return rows.map((row) => ({
		json: (row && typeof row === 'object' && !Array.isArray(row) ? row : { value: row }) as IDataObject,
		pairedItem: { item: itemIndex },
	}));
}

export class BasicTech implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Basic (basic.tech)',
		name: 'basicTech',
		icon: { light: 'file:../../icons/basicTech.svg', dark: 'file:../../icons/basicTech.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: "Read and write rows in a Basic (basic.tech) project's database",
		defaults: { name: 'Basic (basic.tech)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'basicTechOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Row', value: 'row', description: "Rows of a table in the project's database" },
					{ name: 'User', value: 'user', description: 'The Basic account the credential is connected to' },
				],
				default: 'row',
				description: 'What to work on: rows of a table, or the connected user',
			},
			...rowOperations,
			...userOperations,
			...rowFields,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const resource = this.getNodeParameter('resource', i) as string;
				const operation = this.getNodeParameter('operation', i) as string;
				if (resource === 'user') {
					const response = await basicApiRequest.call(this, 'GET', '/auth/userInfo', { itemIndex: i });
					out.push(...toItems(unwrapData(response), i));
					continue;
				}
				out.push(...(await executeRow.call(this, operation, items[i], i)));
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				if (error instanceof NodeApiError) {
					throw basicApiError(this.getNode(), error as unknown as JsonObject, error.message, {
						description: error.description ?? undefined,
						httpCode: error.httpCode ?? undefined,
						itemIndex: i,
					});
				}
				if (error instanceof NodeOperationError) throw new NodeOperationError(this.getNode(), error, { itemIndex: i });
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
			}
		}
		return [out];
	}
}

function readRow(this: IExecuteFunctions, item: INodeExecutionData, i: number): IDataObject {
	const mode = this.getNodeParameter('dataMode', i) as string;
	if (mode === 'autoMap') return { ...item.json };
	const raw = this.getNodeParameter('rowJson', i) as unknown;
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch {
			throw new NodeOperationError(this.getNode(), 'Row (JSON) is not valid JSON', { itemIndex: i });
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new NodeOperationError(this.getNode(), 'Row (JSON) must be a JSON object', { itemIndex: i });
	}
	return value as IDataObject;
}

async function executeRow(
	this: IExecuteFunctions,
	operation: string,
	item: INodeExecutionData,
	i: number,
): Promise<INodeExecutionData[]> {
	const projectId = encodeSegment('Project ID', this.getNodeParameter('projectId', i) as string);
	const table = encodeSegment('Table', this.getNodeParameter('table', i) as string);
	const tablePath = `/account/${projectId}/db/${table}`;
	const rowPath = () => `${tablePath}/${encodeSegment('Row ID', this.getNodeParameter('rowId', i) as string)}`;

	switch (operation) {
		case 'create': {
			const value = readRow.call(this, item, i);
			const response = await basicApiRequest.call(this, 'POST', tablePath, { body: { value }, itemIndex: i });
			return toItems(unwrapData(response), i);
		}
		case 'get': {
			const response = await basicApiRequest.call(this, 'GET', rowPath(), { itemIndex: i });
			return toItems(unwrapData(response), i);
		}
		case 'update':
		case 'replace': {
			const value = readRow.call(this, item, i);
			const method = operation === 'update' ? 'PATCH' : 'PUT';
			const response = await basicApiRequest.call(this, method, rowPath(), { body: { value }, itemIndex: i });
			return toItems(unwrapData(response), i);
		}
		case 'delete': {
			const path = rowPath();
			const response = unwrapData(await basicApiRequest.call(this, 'DELETE', path, { itemIndex: i }));
			const id = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
			if (response && typeof response === 'object' && !Array.isArray(response)) {
				return toItems({ id, ...(response as IDataObject), deleted: true }, i);
			}
			return toItems({ id, deleted: true }, i);
		}
		case 'getAll':
			return await getManyRows.call(this, tablePath, i);
		default:
			throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`, { itemIndex: i });
	}
}

async function getManyRows(this: IExecuteFunctions, tablePath: string, i: number): Promise<INodeExecutionData[]> {
	const filters = ((this.getNodeParameter('filters', i, {}) as IDataObject).conditions ?? []) as RowFilter[];
	const orders = ((this.getNodeParameter('sort', i, {}) as IDataObject).rules ?? []) as RowOrder[];
	const options = this.getNodeParameter('options', i, {}) as { offset?: number; pageSize?: number };
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	let query: Record<string, string>;
	try {
		query = buildListQuery(filters, orders);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex: i });
	}
	let offset = Math.max(0, Math.floor(options.offset ?? 0));

	if (!returnAll) {
		const limit = Math.max(1, Math.floor(this.getNodeParameter('limit', i) as number));
		const qs: IDataObject = { ...query, limit };
		if (offset) qs.offset = offset;
		const rows = unwrapData(await basicApiRequest.call(this, 'GET', tablePath, { qs, itemIndex: i }));
		return toItems(Array.isArray(rows) ? rows.slice(0, limit) : rows, i);
	}

	const pageSize = Math.max(1, Math.floor(options.pageSize ?? PAGE_SIZE));
	const all: unknown[] = [];
	for (let page = 0; page < MAX_PAGES; page++) {
		const qs: IDataObject = { ...query, limit: pageSize, offset };
		const rows = unwrapData(await basicApiRequest.call(this, 'GET', tablePath, { qs, itemIndex: i }));
		if (!Array.isArray(rows)) {
			throw new NodeOperationError(this.getNode(), 'Basic answered a list request without a list of rows', {
				itemIndex: i,
			});
		}
		all.push(...rows);
		if (rows.length < pageSize) return toItems(all, i);
		offset += rows.length;
	}
	throw new NodeOperationError(
		this.getNode(),
		`Stopped after ${MAX_PAGES} pages: the table did not run out of rows`,
		{ itemIndex: i },
	);
}
