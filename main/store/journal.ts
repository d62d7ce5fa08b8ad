import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { JournalEntry } from '../../shared/store/doc.ts';
import { errCode } from './fsx.ts';

/**
 * Journal segments: `journal-<first seq>.ndjson`, one line per entry: `JSON(entry) TAB sha256-hex(JSON) LF`.
 * JSON.stringify never emits a raw tab, so the last tab splits a line unambiguously.
 */
const SEGMENT_RE = /^journal-([1-9]\d{0,14})\.ndjson$/;
const NL = 0x0a;

export function segmentName(firstSeq: number): string {
  return `journal-${firstSeq}.ndjson`;
}

export function segmentFirstSeq(name: string): number | undefined {
  const m = SEGMENT_RE.exec(name);
  return m ? Number(m[1]) : undefined;
}

export interface SegmentFile {
  readonly firstSeq: number;
  readonly file: string;
}

/** The journal segments in a campaign folder, oldest first. */
export function listSegments(dir: string): SegmentFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    if (errCode(e) === 'ENOENT') return [];
    throw e;
  }
  const out: SegmentFile[] = [];
  for (const name of names) {
    const firstSeq = segmentFirstSeq(name);
    if (firstSeq !== undefined) out.push({ firstSeq, file: path.join(dir, name) });
  }
  return out.sort((a, b) => a.firstSeq - b.firstSeq);
}

export function checksum(json: string): string {
  return createHash('sha256').update(json, 'utf8').digest('hex');
}

export function encodeLine(entry: JournalEntry): string {
  const json = JSON.stringify(entry);
  return `${json}\t${checksum(json)}\n`;
}

export type DecodedLine = { readonly ok: true; readonly entry: JournalEntry } | { readonly ok: false; readonly reason: string };

function isEntry(v: unknown): v is JournalEntry {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const e = v as Record<string, unknown>;
  const change = e.change as Record<string, unknown> | null | undefined;
  return Number.isSafeInteger(e.seq) && (e.seq as number) > 0 && typeof e.at === 'string' && typeof e.actor === 'string'
    && change !== null && typeof change === 'object' && typeof change.type === 'string';
}

/** Decode one line (without its LF). */
export function decodeLine(line: string): DecodedLine {
  const tab = line.lastIndexOf('\t');
  if (tab < 0) return { ok: false, reason: 'no checksum' };
  const json = line.slice(0, tab);
  const sum = line.slice(tab + 1);
  if (!/^[0-9a-f]{64}$/.test(sum) || checksum(json) !== sum) return { ok: false, reason: 'checksum mismatch' };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (!isEntry(raw)) return { ok: false, reason: 'not a journal entry' };
  return { ok: true, entry: raw };
}

export interface SegmentLine {
  /** Byte offset of the line's first byte. */
  readonly start: number;
  /** Byte offset just past the line's LF (or the end of the file when it has none). */
  readonly end: number;
  /** Whether the line ends with its LF: only a last line without one can be a torn write. */
  readonly complete: boolean;
  readonly decoded: DecodedLine;
}

/** Split a segment into lines; a last line without its LF is torn whatever it holds (its commit never resolved). */
export function splitSegment(buf: Buffer): SegmentLine[] {
  const lines: SegmentLine[] = [];
  let start = 0;
  while (start < buf.length) {
    const nl = buf.indexOf(NL, start);
    if (nl < 0) {
      lines.push({ start, end: buf.length, complete: false, decoded: { ok: false, reason: 'no line end (torn write)' } });
      break;
    }
    lines.push({ start, end: nl + 1, complete: true, decoded: decodeLine(buf.toString('utf8', start, nl)) });
    start = nl + 1;
  }
  return lines;
}

/**
 * The open segment a store appends to. Appends are synchronous: write the whole line, then fdatasync, before the
 * caller's promise resolves. A failed append is cut off again so the next one starts on a clean line.
 */
export class SegmentWriter {
  private fd: number | null;
  /** Bytes in the segment (what is known to be written whole). */
  size: number;
  /** Entries appended to this segment. */
  entries: number;

  private constructor(readonly file: string, readonly firstSeq: number, fd: number, size: number, entries: number) {
    this.fd = fd;
    this.size = size;
    this.entries = entries;
  }

  /** Open an existing segment (already cut to its last good line) or create an empty one; the caller fsyncs the folder. */
  static open(file: string, firstSeq: number, entries = 0): SegmentWriter {
    const fd = fs.openSync(file, 'a');
    try {
      const size = fs.fstatSync(fd).size;
      return new SegmentWriter(file, firstSeq, fd, size, entries);
    } catch (e) {
      fs.closeSync(fd);
      throw e;
    }
  }

  append(line: string): void {
    if (this.fd === null) throw new Error(`journal segment ${this.file} is closed`);
    const buf = Buffer.from(line, 'utf8');
    try {
      let off = 0;
      while (off < buf.length) off += fs.writeSync(this.fd, buf, off, buf.length - off);
      fs.fdatasyncSync(this.fd);
    } catch (e) {
      // Cut off whatever part of the line reached the file; if even that fails the segment is unusable.
      try {
        fs.ftruncateSync(this.fd, this.size);
        fs.fsyncSync(this.fd);
      } catch {
        this.close();
      }
      throw e;
    }
    this.size += buf.length;
    this.entries += 1;
  }

  get closed(): boolean {
    return this.fd === null;
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    fs.closeSync(fd);
  }
}
