/**
 * Permissions the renderer may have. Writing plain text to the clipboard
 * ("copy citation") is the only one it needs; camera, location, notifications,
 * clipboard reading and the rest are denied because nothing in a news reader
 * should ask for them.
 */
const allowedPermissions: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string): boolean {
  return allowedPermissions.has(permission);
}
