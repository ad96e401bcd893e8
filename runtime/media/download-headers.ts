/**
 * The headers a stored file is served with. The file came from a user, so the browser must never treat
 * it as part of the application: its type is the one read from its bytes and `nosniff` forbids guessing
 * another; a Content-Security-Policy with `sandbox` and no sources runs no script even if an HTML or
 * SVG document slipped through; only images and sound are shown inline, anything else is downloaded.
 * The ETag is the content's SHA-256 (a strong validator: same bytes, same tag).
 */
export const MEDIA_CSP =
  "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox";

export interface ServedFile {
  readonly file_name: string;
  readonly mime_type: string;
  readonly size_bytes: number;
  readonly sha256: string;
}

/** `inline` or `attachment`, with an ASCII fallback name and the exact one in RFC 5987 form. */
export function contentDisposition(fileName: string, mimeType: string): string {
  const kind = mimeType.startsWith('image/') || mimeType.startsWith('audio/') ? 'inline' : 'attachment';
  // Quotes, backslashes, control and non-ASCII characters cannot stand in a quoted-string everywhere.
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_').trim() || 'fichier';
  const exact = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

export const etagOf = (sha256: string) => `"${sha256}"`;

export function downloadHeaders(file: ServedFile): Record<string, string> {
  return {
    'content-type': file.mime_type,
    'content-length': String(file.size_bytes),
    'content-disposition': contentDisposition(file.file_name, file.mime_type),
    'x-content-type-options': 'nosniff',
    'content-security-policy': MEDIA_CSP,
    etag: etagOf(file.sha256),
    // Private: who may read it depends on the account; revalidated, since that can change.
    'cache-control': 'private, no-cache',
  };
}
