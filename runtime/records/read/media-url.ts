/** Where a stored file is downloaded (`GET /api/media/:storage_key`, runtime/media). */
export const mediaUrl = (storageKey: string): string => `/api/media/${encodeURIComponent(storageKey)}`;
