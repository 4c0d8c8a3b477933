/*
 * A request path as a route, for log fields and metric labels: ids and numbers become `:id` and
 * `:n`, so one route is one label however many channels or exports it serves.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function routePattern(pathname: string): string {
  return pathname
    .split("/")
    .map((part) => (UUID.test(part) ? ":id" : /^\d+$/.test(part) ? ":n" : part))
    .join("/");
}
