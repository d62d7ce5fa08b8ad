/** Dates: stored in UTC, shown in the display time zone (Asia/Shanghai unless a campaign says otherwise). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

function safeZone(timeZone: string | undefined): string {
  if (!timeZone) return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

function toDate(iso: string | Date): Date | null {
  const d = iso instanceof Date ? iso : new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** 2026年3月5日 / Mar 5, 2026 */
export function formatDate(iso: string | Date, lang: string, timeZone?: string): string {
  const d = toDate(iso);
  if (!d) return String(iso);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: safeZone(timeZone), year: 'numeric', month: lang === 'en' ? 'short' : 'long', day: 'numeric',
  }).format(d);
}

/** 2026年3月5日 14:05 / 5 Mar 2026, 14:05 */
export function formatDateTime(iso: string | Date, lang: string, timeZone?: string): string {
  const d = toDate(iso);
  if (!d) return String(iso);
  const zone = safeZone(timeZone);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  return lang === 'en' ? `${formatDate(d, lang, zone)}, ${time}` : `${formatDate(d, lang, zone)} ${time}`;
}

/** 14:05:09, for "saved at". */
export function formatTime(iso: string | Date, timeZone?: string): string {
  const d = toDate(iso);
  if (!d) return String(iso);
  return new Intl.DateTimeFormat('en-GB', { timeZone: safeZone(timeZone), hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(d);
}
