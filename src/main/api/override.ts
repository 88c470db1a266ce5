/**
 * A PixdropApi that answers some calls itself and passes the rest to another (usually the
 * engine). Hosts use it for what only they can do, e.g. the desktop's native folder picker.
 */
import { API_METHODS, type PixdropApi } from '../../shared/api';

export function overrideApi(base: PixdropApi, overrides: Partial<PixdropApi>): PixdropApi {
  const api: Record<string, unknown> = {};
  for (const method of [...API_METHODS, 'subscribe'] as const) {
    const own = overrides[method];
    const inherited = base[method] as (...args: unknown[]) => unknown;
    // Bound per call so engine methods that rely on `this` keep working.
    api[method] = own ?? ((...args: unknown[]) => inherited.apply(base, args));
  }
  return api as unknown as PixdropApi;
}
