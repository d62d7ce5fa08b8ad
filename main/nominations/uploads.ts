import { AppError } from '../../shared/contract/errors.ts';
import type { MapRowsResult } from '../../shared/nominations/map-rows.ts';
import type { WorkbookData } from '../xlsx/reader.ts';

export interface Upload {
  readonly id: string;
  readonly campaignId: string;
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
  readonly workbook: WorkbookData;
  /** The rows last mapped (preview, then import with the same choices, maps once). */
  mapped?: { readonly key: string; readonly result: MapRowsResult };
}

/** A few recent uploads with their parsed sheets (preview → import), most recent last; one per app. */
export class Uploads {
  private readonly map = new Map<string, Upload>();
  constructor(private readonly keep: number) {}
  put(u: Upload): void {
    this.map.delete(u.id);
    this.map.set(u.id, u);
    while (this.map.size > this.keep) this.map.delete(this.map.keys().next().value!);
  }
  get(id: string, campaignId: string): Upload {
    const u = this.map.get(id);
    if (!u || u.campaignId !== campaignId) throw new AppError('UPLOAD_EXPIRED', `upload "${id}" is no longer kept: choose the file again`, { values: { uploadId: id } });
    this.map.delete(id);
    this.map.set(id, u);
    return u;
  }
}
