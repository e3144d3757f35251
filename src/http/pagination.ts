/** Rows per page in lists. */
export const PAGE_SIZE = 50;

/** pageParam reads ?page=; anything but a sensible positive whole number means page 1. */
export function pageParam(value: string | undefined): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

export interface Paging {
  page: number;
  pageSize: number;
}

export interface Page<R> {
  rows: R[];
  /** Another page follows. */
  hasNext: boolean;
}

/** pageOf reads one page and one row more, which tells whether another page follows (no count needed). */
export async function pageOf<R>(read: (limit: number, offset: number) => Promise<R[]>, { page, pageSize }: Paging): Promise<Page<R>> {
  const rows = await read(pageSize + 1, (page - 1) * pageSize);
  return { rows: rows.slice(0, pageSize), hasNext: rows.length > pageSize };
}
