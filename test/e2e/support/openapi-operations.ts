/** The parts of an OpenAPI 3 schema object the fuzzer reads. */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}

interface Operation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  /** The roles the guard lets in (libs/auth's @Roles); absent on public operations. */
  'x-roles'?: string[];
  /** Set on operations that take no token (health). */
  'x-public'?: boolean;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;

/** One operation of a service's OpenAPI document, ready to be called. */
export interface ApiOperation {
  method: (typeof HTTP_METHODS)[number];
  /** The OpenAPI path, e.g. /orders/{id}/hold. */
  template: string;
  /** The path with each parameter filled in with a well-formed value. */
  path: string;
  /** The request body's schema ($refs resolved) if it takes one. */
  body?: Schema;
  /** The operation's x-roles, as the service declares them. */
  roles?: string[];
  public: boolean;
}

/** One route that changes something, with its body schema ($refs resolved) if it takes a body. */
export interface WriteRoute extends ApiOperation {
  method: (typeof WRITE_METHODS)[number];
}

/**
 * Every operation of a service's OpenAPI document, so a new route is covered
 * by the input fuzz and the role matrix without touching either test.
 */
export function apiOperations(document: OpenApiDocument): ApiOperation[] {
  const resolve = (schema: Schema | undefined): Schema | undefined => resolveSchema(document, schema);
  return Object.entries(document.paths).flatMap(([template, operations]) =>
    HTTP_METHODS.filter((method) => operations[method]).map((method) => {
      const operation = operations[method]!;
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
        const parameter = operation.parameters?.find((p) => p.in === 'path' && p.name === name);
        return encodeURIComponent(pathValue(resolve(parameter?.schema)));
      });
      return {
        method, template, path, body: resolve(operation.requestBody?.content?.['application/json']?.schema),
        roles: operation['x-roles'], public: operation['x-public'] === true,
      };
    }),
  );
}

/** Every write operation of a service's OpenAPI document. */
export function writeRoutes(document: OpenApiDocument): WriteRoute[] {
  return apiOperations(document).filter((operation): operation is WriteRoute => (WRITE_METHODS as readonly string[]).includes(operation.method));
}

/** The parameter's example, else a uuid (ids are uuids; a malformed path is not what this fuzzes). */
function pathValue(schema: Schema | undefined): string {
  if (typeof schema?.example === 'string') return schema.example;
  return '00000000-0000-4000-8000-000000000000';
}

/** Replaces every $ref (and Nest's single-element allOf wrappers) with the schema it points at. */
export function resolveSchema(document: OpenApiDocument, schema: Schema | undefined, depth = 0): Schema | undefined {
  if (!schema || depth > 10) return schema;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolveSchema(document, document.components?.schemas?.[name], depth + 1);
  }
  if (schema.allOf?.length === 1) {
    const { allOf, ...rest } = schema;
    return { ...rest, ...resolveSchema(document, allOf[0], depth + 1) };
  }
  const resolved: Schema = { ...schema };
  if (schema.items) resolved.items = resolveSchema(document, schema.items, depth + 1);
  if (schema.properties) {
    resolved.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, value]) => [key, resolveSchema(document, value, depth + 1)!]),
    );
  }
  return resolved;
}
