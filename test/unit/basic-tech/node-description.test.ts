import type { INodeProperties } from 'n8n-workflow';
import { BasicTech } from '../../../nodes/BasicTech/BasicTech.node';

const { description } = new BasicTech();
const options = (name: string, resource: string) =>
	(description.properties.find((p) => p.name === name && p.displayOptions?.show?.resource?.includes(resource))?.options ?? []).map(
		(o) => (o as { value: string }).value,
	);

describe('Basic (basic.tech) node description', () => {
	it('is named basicTech, shown as "Basic (basic.tech)", and uses the OAuth2 credential', () => {
		expect(description.name).toBe('basicTech');
		expect(description.displayName).toBe('Basic (basic.tech)');
		expect(description.credentials).toEqual([{ name: 'basicTechOAuth2Api', required: true }]);
	});

	it('can be used as an AI tool', () => {
		expect(description.usableAsTool).toBe(true);
	});

	it('offers every row operation and the user operation', () => {
		expect(options('operation', 'row').sort()).toEqual(['create', 'delete', 'get', 'getAll', 'replace', 'update']);
		expect(options('operation', 'user')).toEqual(['get']);
	});

	it("offers exactly Basic's filter operators", () => {
		const filters = description.properties.find((p) => p.name === 'filters');
		const values = (filters?.options?.[0] as { values: Array<{ name: string; options?: Array<{ value: string }> }> }).values;
		const operator = values.find((v) => v.name === 'operator');
		expect(operator?.options?.map((o) => o.value).sort()).toEqual(
			['eq', 'gt', 'gte', 'ilike', 'in', 'like', 'lt', 'lte', 'neq', 'not'],
		);
	});

	it('asks for Project ID and Table on every row operation', () => {
		for (const name of ['projectId', 'table']) {
			const property = description.properties.find((p) => p.name === name);
			expect(property).toMatchObject({ required: true, displayOptions: { show: { resource: ['row'] } } });
		}
	});
});

/** Every property (nested ones too) and every choice of Resource and Operation, with where it sits. */
function describedParts(properties: INodeProperties[], path = ''): Array<{ where: string; description?: string }> {
	const parts: Array<{ where: string; description?: string }> = [];
	for (const property of properties) {
		const where = `${path}${property.name}`;
		if (property.type !== 'notice') parts.push({ where, description: property.description });
		for (const option of property.options ?? []) {
			if ('values' in option) parts.push(...describedParts(option.values, `${where}.`));
			else if ('type' in option) parts.push(...describedParts([option as INodeProperties], `${where}.`));
			else if (['resource', 'operation'].includes(property.name)) {
				parts.push({ where: `${where}=${String((option as { value: unknown }).value)}`, description: (option as { description?: string }).description });
			}
		}
	}
	return parts;
}

describe('Basic node descriptions an AI agent can act on', () => {
	it('every operation and every parameter says what it does in a sentence', () => {
		const parts = describedParts(description.properties);
		expect(parts.length).toBeGreaterThan(20);
		const vague = parts.filter((part) => (part.description ?? '').trim().split(/\s+/).length < 4).map((part) => part.where);
		expect(vague).toEqual([]);
	});

	it('every operation has an action name, the tool description n8n builds from resource and operation', () => {
		const operations = description.properties.filter((p) => p.name === 'operation');
		const actions = operations.flatMap((p) => (p.options ?? []).map((o) => (o as { action?: string }).action));
		expect(actions.length).toBe(7);
		expect(actions.every((action) => typeof action === 'string' && action.length > 0)).toBe(true);
	});
});
