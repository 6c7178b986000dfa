/** `2025-01-02 03:04 UTC` from an ISO-8601 UTC timestamp; `-` for none. Pure (no local time zone). */
export function formatTime(iso: string | null): string {
  if (!iso) return '-';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}
