/** One lexical token of SQL, as far as the read-only guard needs to see it. */
export interface SqlToken {
  /** word: a bare keyword or name (text upper-cased); quoted: a quoted name; string: a literal; punct: one character. */
  kind: 'word' | 'quoted' | 'string' | 'punct';
  text: string;
}

/**
 * Splits SQL into tokens, skipping whitespace and comments (`-- ...`, `/* ... *\/`).
 * Quoted names ("x", `x`, [x]) and string literals ('it''s') are single tokens, so a
 * keyword inside them is never mistaken for one. An unterminated quote or comment runs
 * to the end (SQLite then reports the syntax error). Pure.
 */
export function tokenizeSql(sql: string): SqlToken[] {
  const out: SqlToken[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      let j = i + 1;
      let text = '';
      while (j < n) {
        if (sql[j] === close) {
          if (close !== ']' && sql[j + 1] === close) {
            text += close;
            j += 2;
            continue;
          }
          break;
        }
        text += sql[j++];
      }
      out.push({ kind: c === "'" ? 'string' : 'quoted', text });
      i = j + 1;
    } else if (/[A-Za-z0-9_$]/.test(c) || c.charCodeAt(0) > 127) {
      let j = i;
      while (j < n && (/[A-Za-z0-9_$]/.test(sql[j]) || sql.charCodeAt(j) > 127)) j++;
      out.push({ kind: 'word', text: sql.slice(i, j).toUpperCase() });
      i = j;
    } else {
      out.push({ kind: 'punct', text: c });
      i++;
    }
  }
  return out;
}
