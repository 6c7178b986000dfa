/** Text made safe for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * JSON (or script text) that can sit inside a <script> element: `<` is escaped so no
 * `</script>` or `<!--` inside the data can end or change the element.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Script source inlined in a <script> element: a literal `</script` would end it early. */
export function scriptSafeSource(src: string): string {
  return src.replace(/<\/(script)/gi, '<\\/$1');
}
