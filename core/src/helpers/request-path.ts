// A request URL's path, without its query string: what routes, exemptions and log lines are keyed by.
export function requestPath(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
