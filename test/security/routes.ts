import type { Hono } from 'hono';

/**
 * The routes an app registers, read from its router, as "METHOD /path" with the parameters' patterns
 * left out ("/meetings/:id{[1-9][0-9]{0,8}}" → "/meetings/:id").
 *
 * `app.use()` middleware is registered with method ALL and takes `next`; it is not a route (the
 * `/static/*` files are checked separately). A handler registered with app.all() takes no `next` and is
 * kept, so a real handler is never skipped for its method.
 */
export function registeredRoutes(app: Hono<any>): string[] {
  const routes = new Set<string>();
  for (const r of app.routes) {
    if (r.method === 'ALL' && r.handler.length >= 2) continue;
    routes.add(`${r.method} ${tidyPath(r.path)}`);
  }
  return [...routes];
}

/** tidyPath drops the {pattern} after each parameter (patterns may nest braces: {[0-9]{0,8}}). */
export function tidyPath(path: string): string {
  let out = '';
  let depth = 0;
  for (const ch of path) {
    if (ch === '{') depth += 1;
    else if (ch === '}') depth -= 1;
    else if (depth === 0) out += ch;
  }
  return out;
}

/** fillPath puts values into ":name" parameters; a parameter without a value is an error naming it. */
export function fillPath(path: string, values: Record<string, string | number>): string {
  return path.replace(/:([a-zA-Z_]+)/g, (_, name: string) => {
    if (values[name] === undefined) throw new Error(`no fixture value for :${name} in ${path}`);
    return String(values[name]);
  });
}
