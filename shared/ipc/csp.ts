/**
 * One Content-Security-Policy for both hosts. `connect-src` allows the browser host's own
 * WebSocket ('self' covers ws: on the same host:port in current Chromium); images may be
 * data: and blob: URLs (signatures, receipt previews, attachments). MUI's emotion styles need
 * inline style elements.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
