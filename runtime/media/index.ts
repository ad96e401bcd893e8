/** Uploaded files: storage in suivi.media_file, the upload and download routes, the orphan purge. */
export { detectMediaType, UPLOADABLE_TYPES } from './detect-type.ts';
export { MAX_MEDIA_BYTES, readableMediaFile, storeMediaFile } from './media-store.ts';
export { ORPHAN_GRACE_MS, purgeOrphanMedia } from './orphans.ts';
export { isUploadRequest, MAX_UPLOAD_BODY_BYTES, mountMediaApi, uploadBodyLimit } from './routes.ts';
