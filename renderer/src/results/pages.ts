/**
 * The rest of a ranking after its first page: pages asked for one after another and handed on as they come, until
 * every row is there, a page comes back empty (the ranking shrank meanwhile), or the load is no longer the current one.
 */
export async function loadRest<R>(
  first: { readonly rows: readonly R[]; readonly total: number },
  fetchPage: (offset: number) => Promise<{ readonly rows: readonly R[] }>,
  onRows: (rows: readonly R[]) => void,
  current: () => boolean,
): Promise<readonly R[]> {
  let rows = first.rows;
  while (rows.length < first.total) {
    const next = await fetchPage(rows.length);
    if (!current() || next.rows.length === 0) return rows;
    rows = [...rows, ...next.rows];
    onRows(rows);
  }
  return rows;
}
