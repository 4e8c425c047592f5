import type { RequestContext } from './context.js';

export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

/** `per_page` (default 30, max 100) and `page`, with GitHub's `Link` header. */
export function paginate<T>(ctx: RequestContext, all: T[], defaultPerPage = 30): Page<T> {
  const perPage = Math.min(Math.max(Number(ctx.query.get('per_page')) || defaultPerPage, 1), 100);
  const page = Math.max(Number(ctx.query.get('page')) || 1, 1);
  const last = Math.max(Math.ceil(all.length / perPage), 1);
  const items = all.slice((page - 1) * perPage, page * perPage);
  const links: string[] = [];
  const link = (target: number, rel: string): void => {
    const query = new URLSearchParams(ctx.query);
    query.set('per_page', String(perPage));
    query.set('page', String(target));
    links.push(`<${ctx.core.apiUrl}${ctx.path}?${query.toString()}>; rel="${rel}"`);
  };
  if (page < last) {
    link(page + 1, 'next');
    link(last, 'last');
  }
  if (page > 1) {
    link(1, 'first');
    link(page - 1, 'prev');
  }
  return { items, headers: links.length > 0 ? { link: links.join(', ') } : {} };
}
