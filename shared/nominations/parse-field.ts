import type { FieldDef } from './fields.ts';
import type { FieldValue } from './map-rows.ts';
import { parseCount, parseDate, parseDateRange, parseDoi, parseEmail, parseList, parseLongText, parseMeasure, parseText, parseUrl, parseYear, type Parsed } from './values.ts';

/** A value typed by hand (or a cell), read with its field's parser, as an import reads it. */
export function parseFieldValue(def: FieldDef, raw: unknown, date1904 = false): Parsed<FieldValue> {
  switch (def.type) {
    case 'text':
      return parseText(raw);
    case 'longText':
      return parseLongText(raw);
    case 'int':
      return parseCount(raw);
    case 'number':
      return parseMeasure(raw);
    case 'year':
      return parseYear(raw);
    case 'date':
      return parseDate(raw, date1904);
    case 'dateRange':
      return parseDateRange(raw, date1904);
    case 'doi':
      return parseDoi(raw);
    case 'list':
      return parseList(raw);
    case 'url':
      return parseUrl(raw);
    case 'email':
      return parseEmail(raw);
  }
}
