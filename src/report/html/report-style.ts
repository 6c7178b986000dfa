/** The report's stylesheet (inlined: the page loads nothing from anywhere). */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #222; background: #fafafa; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 36px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 1rem; margin: 0 0 6px; }
p.sub, p.note, figcaption { color: #555; font-size: 0.9rem; margin: 4px 0; }
.facts { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 12px 0; font-size: 0.92rem; }
.facts b { font-weight: 600; }
table { border-collapse: collapse; font-size: 0.85rem; background: #fff; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e4e4e4; text-align: left; white-space: nowrap; }
th { background: #f0f0f0; position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.best td { font-weight: 700; background: #e8f0fe; }
tr.flagged td { background: #fdecea; }
tr.best.flagged td { background: #f3e5f5; }
tr.unranked td { color: #888; }
.scroll { max-height: 520px; overflow: auto; border: 1px solid #ddd; }
.chart { position: relative; height: 360px; background: #fff; border: 1px solid #ddd; padding: 8px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 16px; }
.grid .chart { height: 280px; }
.grid.wide { grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); }
.grid.wide .chart { height: 380px; }
figure { margin: 0 0 12px; }
.key span { display: inline-block; width: 22px; height: 4px; vertical-align: middle; margin: 0 4px 0 10px; }
.warn { color: #b71c1c; }
`;
