// fast-check arbitraries from the JSON Schemas of the OpenAPI document: values that are
// mostly valid by the schema (each field drawn from its own rules), with now and then a
// field replaced by something the schema refuses, so both kinds reach the server. The
// property test then asks ajv which kind each request is (test/integration/contract-properties.test.ts).

import fc from 'fast-check';

type Schema = Record<string, unknown>;

/** Any JSON value a careless client might send in place of a field. */
const wild = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(''),
  fc.constant('   '),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
);

function day(): fc.Arbitrary<string> {
  return fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
}

function text(schema: Schema): fc.Arbitrary<string> {
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : 40;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  let base: fc.Arbitrary<string>;
  if (schema.format === 'date') base = day();
  else if (typeof schema.pattern === 'string') {
    // fast-check cannot generate from a lookahead; draw from the rest, then keep what
    // the whole pattern accepts.
    const full = new RegExp(schema.pattern, 'u');
    const drawn = `^${withoutLookarounds(schema.pattern.slice(1))}`;
    base = fc.stringMatching(new RegExp(drawn, 'u')).filter((s) => full.test(s));
  } else base = fc.string({ minLength: min, maxLength: Math.min(max, 40), unit: 'grapheme' });
  return base.filter((s) => [...s].length <= max && [...s].length >= min);
}

export function arbitraryOf(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  for (const key of ['oneOf', 'anyOf'] as const)
    if (Array.isArray(schema[key])) {
      const base = (schema[key] as Schema[]).map((s) =>
        arbitraryOf(mergeBranch(withoutAlternatives(schema), s), depth),
      );
      return fc.oneof(...base);
    }
  switch (schema.type) {
    case 'string':
      return text(schema);
    case 'integer':
      return fc.integer({ min: 0, max: 1000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = arbitraryOf((schema.items as Schema | undefined) ?? {}, depth + 1);
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const maxLength = Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 3, 3);
      return fc.array(items, { minLength, maxLength: Math.max(minLength, maxLength) });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required ?? []) as string[];
      const fields = Object.fromEntries(
        Object.entries(properties).map(([name, sub]) => [
          name,
          // One field in ten is something the schema may refuse.
          fc.oneof({ weight: 9, arbitrary: arbitraryOf(sub, depth + 1) }, { weight: 1, arbitrary: wild }),
        ]),
      );
      return fc.record(fields, { requiredKeys: required.filter((name) => name in properties) });
    }
    default:
      return depth > 2 ? fc.constant({}) : wild;
  }
}

/** The pattern without the lookaheads it opens with (fast-check cannot draw from them). */
function withoutLookarounds(pattern: string): string {
  let rest = pattern;
  while (rest.startsWith('(?=') || rest.startsWith('(?!')) {
    let depth = 0;
    let i = 0;
    for (; i < rest.length; i++) {
      if (rest[i] === '\\') i++;
      else if (rest[i] === '(') depth++;
      else if (rest[i] === ')' && --depth === 0) break;
    }
    rest = rest.slice(i + 1);
  }
  return rest;
}

/** A branch of oneOf/anyOf laid over the schema around it, property by property. */
function mergeBranch(outer: Schema, branch: Schema): Schema {
  const properties: Record<string, Schema> = { ...((outer.properties ?? {}) as Record<string, Schema>) };
  for (const [name, sub] of Object.entries((branch.properties ?? {}) as Record<string, Schema>))
    properties[name] = { ...properties[name], ...sub };
  const required = [
    ...new Set([...((outer.required ?? []) as string[]), ...((branch.required ?? []) as string[])]),
  ];
  return { ...outer, ...branch, properties, required };
}

function withoutAlternatives(schema: Schema): Schema {
  const { oneOf: _o, anyOf: _a, ...rest } = schema;
  return rest;
}
