/** What the publisher learns about the version they published. */
export const presentPublished = (p: { id: string; version: number; contentHash: string; notified: number }) => ({
  id: p.id, version: p.version, contentHash: p.contentHash, notified: p.notified,
});
