// What a preview or an import of an upload is asked with, beside the upload itself.
import type { MappingOverride } from '../../../../shared/nominations/header.ts';

export const PREVIEW_LIMIT = 1000;

export interface Args {
  readonly sheet?: string;
  readonly headerRow?: number;
  readonly mapping: readonly MappingOverride[];
  readonly nominator: string;
  /** The nominator was read from the sheet's rows (all name one), not typed: another sheet does not inherit it. */
  readonly adopted?: boolean;
}

export const NO_ARGS: Args = { mapping: [], nominator: '' };

/** A sheet of an upload, as the wizard remembers which it has imported. */
export const sheetKey = (uploadId: string, sheet: string) => `${uploadId}\u0000${sheet}`;

export function callArgs(campaignId: string, uploadId: string, a: Args) {
  return {
    campaignId,
    uploadId,
    ...(a.sheet !== undefined ? { sheet: a.sheet } : {}),
    ...(a.headerRow !== undefined ? { headerRow: a.headerRow } : {}),
    ...(a.mapping.length > 0 ? { mapping: [...a.mapping] } : {}),
  };
}
