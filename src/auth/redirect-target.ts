/**
 * The one rule for "a path on this site to go back to", for every redirect whose target comes from the
 * request (the login's `next`, the language switch's `back`).
 */

// Any origin will do for resolving: only whether the target stays on it matters.
const ORIGIN = 'http://hub.invalid';

/**
 * sameOriginPath returns the target as a path on this site (path and query, no fragment), or undefined
 * when it is missing, too long, or would lead anywhere else.
 *
 * The target is resolved against the site's origin and the normalised result must resolve back to
 * itself on that origin: checking the raw string alone let "/.//evil.example" through, which
 * normalises to "//evil.example", a link to another host. Control characters, spaces and backslashes
 * are refused outright: browsers drop tabs and newlines and read "\" as "/".
 */
export function sameOriginPath(target: unknown): string | undefined {
  if (typeof target !== 'string' || target.length === 0 || target.length > 500) return undefined;
  if (!target.startsWith('/') || /[\u0000-\u0020\u007f\\]/.test(target)) return undefined;
  const path = resolvedPath(target);
  return path !== undefined && path.startsWith('/') && !path.startsWith('//') && resolvedPath(path) === path ? path : undefined;
}

/** resolvedPath: path and query of a reference resolved on ORIGIN, undefined if it leaves it. */
function resolvedPath(reference: string): string | undefined {
  let url: URL;
  try {
    url = new URL(reference, ORIGIN);
  } catch {
    return undefined;
  }
  return url.origin === ORIGIN ? url.pathname + url.search : undefined;
}
