/**
 * One entry point for every API call that crosses a process boundary (Electron IPC, local HTTP):
 * look the method up, validate its arguments, call the api, and always answer a Result — never a
 * thrown error, because Electron forwards only an error's message and HTTP only what we serialise.
 */
import type { z } from 'zod';
import { API_METHODS, type ApiMethod, type PixdropApi, type Result } from '../../shared/api';
import { toView, type ErrorView } from '../../shared/errors';
import type { Logger } from '../engine/types';
import { apiArgSchemas, apiParamNames, settingsViewSchema } from './schemas';

export type ApiDispatcher = (method: string, args: unknown) => Promise<Result<unknown>>;

const KNOWN_METHODS: ReadonlySet<string> = new Set(API_METHODS);
const MAX_ISSUES_REPORTED = 3;

/** Views that must be re-shaped on the way out so nothing beyond their declared fields can leak. */
const OUTPUT_SCHEMAS: Partial<Record<ApiMethod, z.ZodType>> = {
  getSettings: settingsViewSchema,
  updateSettings: settingsViewSchema,
};

export function createApiDispatcher(api: PixdropApi, o: { logger?: Logger } = {}): ApiDispatcher {
  const logger = o.logger;
  return async (method, args) => {
    if (!isApiMethod(method)) {
      logger?.warn('api call refused: unknown method', { method: clip(String(method), 64) });
      return rejected(`Unknown API method "${clip(String(method), 64)}".`);
    }
    const parsed = apiArgSchemas[method].safeParse(args);
    if (!parsed.success) {
      const message = describeInvalidArgs(method, parsed.error.issues);
      logger?.warn('api call refused: invalid arguments', { method, reason: message });
      return rejected(message);
    }
    try {
      const call = api[method] as (...a: unknown[]) => Promise<unknown>;
      const result = await call.apply(api, parsed.data as unknown[]);
      return checkResult(method, result, logger);
    } catch (error) {
      const view = toView(error);
      if (view.code === 'INTERNAL') logger?.error('api call failed', { method, error: describeThrown(error) });
      else logger?.warn('api call failed', { method, code: view.code, message: view.message });
      return { ok: false, error: view };
    }
  };
}

export function isApiMethod(method: unknown): method is ApiMethod {
  return typeof method === 'string' && KNOWN_METHODS.has(method);
}

function checkResult(method: ApiMethod, result: unknown, logger: Logger | undefined): Result<unknown> {
  if (!isResult(result)) {
    logger?.error('api returned something that is not a Result', { method });
    return { ok: false, error: toView(new Error(`${method} returned a malformed answer`)) };
  }
  const schema = OUTPUT_SCHEMAS[method];
  if (!result.ok || !schema) return result;
  const shaped = schema.safeParse(result.value);
  if (!shaped.success) {
    logger?.error('api returned a malformed view', { method });
    return { ok: false, error: toView(new Error(`${method} returned a malformed answer`)) };
  }
  return { ok: true, value: shaped.data };
}

export function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as { ok?: unknown; value?: unknown; error?: unknown };
  if (r.ok === true) return 'value' in r;
  if (r.ok !== false || typeof r.error !== 'object' || r.error === null) return false;
  const e = r.error as Partial<ErrorView>;
  return typeof e.code === 'string' && typeof e.message === 'string';
}

function rejected(message: string): Result<never> {
  return { ok: false, error: { code: 'REJECTED', message } };
}

/**
 * Names the offending field ("addPaths: paths[2] must be an absolute path"). Built only from the
 * issue's path and zod's message, which never quote the received value, so a malformed token or
 * Cloudinary URL is not echoed back or logged.
 */
export function describeInvalidArgs(method: ApiMethod, issues: readonly z.core.$ZodIssue[]): string {
  const names: readonly string[] = apiParamNames[method];
  const parts = issues.slice(0, MAX_ISSUES_REPORTED).map((issue) => describeIssue(names, narrowUnion(issue)));
  const more = issues.length > MAX_ISSUES_REPORTED ? ` (and ${issues.length - MAX_ISSUES_REPORTED} more)` : '';
  return `Invalid arguments for ${method}: ${parts.join('; ')}${more}.`;
}

function describeIssue(names: readonly string[], issue: z.core.$ZodIssue): string {
  const [first, ...rest] = issue.path;
  if (first === undefined) return describeArgumentList(names, issue);
  const head = typeof first === 'number' ? (names[first] ?? `argument ${first + 1}`) : String(first);
  const field = rest.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${clip(String(key), 40)}`), head);
  if (issue.code === 'unrecognized_keys') {
    return `${field} has unknown field(s) ${issue.keys
      .slice(0, 5)
      .map((k) => `"${clip(k, 40)}"`)
      .join(', ')}`;
  }
  return `${field}: ${clip(issue.message, 200)}`;
}

/** Issues about the argument tuple itself: not an array, or the wrong number of arguments. */
function describeArgumentList(names: readonly string[], issue: z.core.$ZodIssue): string {
  const expected = `${names.length} argument(s) (${names.join(', ') || 'none'})`;
  if (issue.code === 'invalid_type') return `the arguments must be an array of ${expected}`;
  if (issue.code === 'too_big' || issue.code === 'too_small') return `expected ${expected}`;
  return clip(issue.message, 200);
}

/**
 * For a union, report the branch the value was meant for (its type matched, something inside did
 * not) rather than zod's bare "Invalid input"; when no branch even matched the type, list them all.
 */
function narrowUnion(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const isTypeMismatch = (branch: readonly z.core.$ZodIssue[]) =>
    branch.length === 1 && branch[0].path.length === 0 && (branch[0].code === 'invalid_type' || branch[0].code === 'invalid_value');
  const meant = issue.errors.filter((branch) => !isTypeMismatch(branch) && branch.length > 0);
  if (meant.length === 0) {
    const options = issue.errors.map((branch) => describeExpected(branch[0])).join(' or ');
    return { ...issue, message: `expected ${options}` };
  }
  const closest = meant.reduce((best, branch) => (branch.length < best.length ? branch : best));
  const inner = closest[0];
  return narrowUnion({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue);
}

function describeExpected(issue: z.core.$ZodIssue | undefined): string {
  if (issue?.code === 'invalid_type') return issue.expected;
  if (issue?.code === 'invalid_value') return issue.values.map((v) => JSON.stringify(v)).join(' or ');
  return 'another value';
}

function describeThrown(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
