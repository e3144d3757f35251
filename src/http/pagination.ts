/** Rows per page in lists. */
export const PAGE_SIZE = 50;

/** pageParam reads ?page=; anything but a sensible positive whole number means page 1. */
export function pageParam(value: string | undefined): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}
