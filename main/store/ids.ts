/**
 * Campaign ids name folders, so they must be safe on every platform: letters, digits, `-`, `_`, `.` (not first or
 * last), at most 80 characters, and none of Windows' reserved device names.
 */
const SAFE_ID = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,78}[A-Za-z0-9_-])?$/;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

export function isSafeCampaignId(id: string): boolean {
  return SAFE_ID.test(id) && !RESERVED.test(id);
}
