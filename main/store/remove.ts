// Removing a campaign's folder so that a crash at any point leaves either the whole campaign or none of it: one
// rename out of the campaigns folder (fsynced), then the delete; what a crash leaves renamed is deleted at the next open.
import fs from 'node:fs';
import path from 'node:path';
import { freshName, fsyncDir } from './fsx.ts';

/** Not a valid campaign id (it starts with a dot), so opening never reads such a folder as a campaign. */
const REMOVING = '.removing-';

/** Rename the campaign's folder to a trash name beside it and make the rename durable; returns the trash path. */
export function renameAway(campaignsDir: string, dir: string, id: string): string {
  const trash = freshName(campaignsDir, `${REMOVING}${id}`);
  fs.renameSync(dir, trash);
  fsyncDir(campaignsDir);
  return trash;
}

export function deleteTrash(campaignsDir: string, trash: string): void {
  fs.rmSync(trash, { recursive: true, force: true });
  fsyncDir(campaignsDir);
}

/** Delete what removals cut short left behind. Failures are only warned of: the next open tries again. */
export function sweepRemoved(campaignsDir: string): void {
  for (const name of fs.readdirSync(campaignsDir)) {
    if (!name.startsWith(REMOVING)) continue;
    try {
      deleteTrash(campaignsDir, path.join(campaignsDir, name));
    } catch (e) {
      console.warn(`PanelDesk store: deleting ${name} (a removed campaign) failed: ${(e as Error).message}`);
    }
  }
}
