// Example data for a newcomer's first `npm start` on an empty database. Each feature
// that has example data adds it here; the returned lines are printed at start-up.

export async function seedLocalData(): Promise<string[]> {
  return [];
}
