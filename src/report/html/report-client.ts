/**
 * The report's charts. This function runs in the browser: report-html.ts inlines it with
 * Function.prototype.toString next to Chart.js, so it must use nothing from outside its
 * own body (no imports, no module-level helpers) and only plain browser JavaScript.
 * `data` is a ReportData (report-data.ts); `Chart` is Chart.js 4; `doc` is the document.
 * Every <canvas> the page holds gets a chart: the browser test checks that each one drew.
 */
export function drawReport(data: any, Chart: any, doc: any): void {
  const BEST = '#1565c0';
  const FLAG = '#d62728';
  const OTHER = 'rgba(100, 100, 100, 0.45)';
  const MEAN = '#111111';
  // R^2 and correlation below -1 only say "much worse than predicting the mean": they are
  // drawn at -1 so the useful range stays readable.
  const FLOOR = -1;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.color = '#333';
  Chart.defaults.font.family = 'system-ui, sans-serif';

  const fmt = (v: any): string => {
    if (v === null || v === undefined || !Number.isFinite(v)) return '-';
    const a = Math.abs(v);
    return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(3) : v.toFixed(4);
  };
  const byId = (id: string): any => doc.getElementById(id);
  const setNote = (id: string, text: string): void => {
    const el = byId(id);
    if (el) el.textContent = text;
  };
  const trialColor = (t: any): string => (t.id === data.bestId ? BEST : t.flagged ? FLAG : OTHER);
  const describe = (t: any): string => {
    const ps = Object.keys(t.params).map((k) => `${k}=${t.params[k]}`).join(' ');
    return `trial ${t.id} (${t.label}${t.flagged ? ', loss_at_variance' : ''}) ${ps}`;
  };

  /** A y (or x) axis for a metric: floored for R^2-like metrics, logarithmic for positive losses. */
  const axisFor = (metric: string, values: number[]): { scale: any; clamp: (v: number) => number; clipped: number } => {
    const finite = values.filter((v) => Number.isFinite(v));
    if (metric === 'val_r2' || metric === 'val_corr') {
      const clipped = finite.filter((v) => v < FLOOR).length;
      const lo = Math.min(...finite, 0);
      return {
        scale: { type: 'linear', min: clipped > 0 ? FLOOR : undefined, suggestedMin: Math.max(lo, FLOOR), suggestedMax: 1 },
        clamp: (v: number) => Math.max(v, FLOOR),
        clipped,
      };
    }
    const positive = finite.length > 0 && finite.every((v) => v > 0);
    const spread = positive ? Math.max(...finite) / Math.min(...finite) : 1;
    const log = positive && spread > 20;
    return { scale: log ? { type: 'logarithmic', ticks: logTicks } : { type: 'linear' }, clamp: (v: number) => v, clipped: 0 };
  };
  // Log axes: label 1, 2 and 5 times a power of ten, or only the powers of ten when the
  // axis spans more than three decades, so labels never crowd.
  const logTicks = {
    callback: (v: any, _i: number, ticks: any[]) => {
      const values = ticks.map((t: any) => t.value).filter((x: number) => x > 0);
      const decades = Math.log10(Math.max(...values) / Math.min(...values));
      const [m, e] = Number(v).toExponential(0).split('e');
      if (Math.abs(Number(`${m}e${e}`) - v) > Math.abs(v) * 1e-9) return '';
      if (!(decades > 3 ? ['1'] : ['1', '2', '5']).includes(m)) return '';
      return v >= 1e-3 && v < 1e4 ? String(Number(v.toPrecision(1))) : `${m}e${e}`;
    },
  };
  const clipNote = (n: number): string => (n > 0 ? ` ${n} value${n === 1 ? '' : 's'} below ${FLOOR} drawn at ${FLOOR} as \u25BC.` : '');
  const titled = (scale: any, text: string): any => ({ ...scale, title: { display: true, text } });
  const tooltip = { callbacks: { label: (ctx: any) => ctx.raw?.label ?? `${fmt(ctx.parsed.y)}` } };

  // Learning curves: the metric per epoch, a line per trial, the best on top in blue.
  const curves = byId('chart-curves');
  if (curves) {
    const all: number[] = [];
    for (const t of data.trials) for (const v of t.curve) if (v !== null) all.push(v);
    const axis = axisFor(data.curveMetric, all);
    const datasets = data.trials
      .filter((t: any) => t.curve.some((v: any) => v !== null))
      .map((t: any) => {
        const best = t.id === data.bestId;
        const points = t.curve
          .map((v: any, i: number) => (v === null ? null : { x: i + 1, y: axis.clamp(v), label: `${describe(t)}: epoch ${i + 1} ${fmt(v)}` }))
          .filter((p: any) => p !== null);
        return {
          label: `trial ${t.id}`,
          data: points,
          showLine: true,
          borderColor: trialColor(t),
          backgroundColor: trialColor(t),
          borderWidth: best ? 3.5 : 1.2,
          borderDash: t.flagged && !best ? [5, 4] : [],
          pointRadius: points.length === 1 ? 3 : 0,
          pointHitRadius: 5,
          order: best ? 0 : t.flagged ? 1 : 2,
        };
      });
    new Chart(curves, {
      type: 'scatter',
      data: { datasets },
      options: {
        plugins: { legend: { display: false }, tooltip },
        scales: {
          x: { type: 'linear', title: { display: true, text: 'epoch' }, ticks: { precision: 0 } },
          y: titled(axis.scale, data.curveMetric),
        },
      },
    });
    setNote('note-curves', clipNote(axis.clipped));
  }

  /**
   * A strip plot: categories on x (with a small fixed jitter), a dot per item, a bar at
   * each category's median (robust: one blown-up trial does not drag it to the floor).
   * A value the axis clips is drawn at the floor as a downward triangle, never as a dot
   * that looks like a real -1; a clipped median is drawn the same way.
   */
  const strip = (
    canvas: any, categories: string[], items: { cat: number; y: number; color: string; label: string }[], metric: string,
    extra: any[] = [],
  ): number => {
    const axis = axisFor(metric, items.map((it) => it.y));
    const byCat: number[][] = categories.map(() => []);
    for (const it of items) byCat[it.cat].push(it.y);
    const counts = categories.map(() => 0);
    const isClipped = (y: number): boolean => axis.clamp(y) !== y;
    const points = items.map((it) => {
      const k = counts[it.cat]++;
      // Golden-ratio steps spread the dots of one category evenly and reproducibly.
      const jitter = (((k * 0.618034) % 1) - 0.5) * 0.4;
      const clipped = isClipped(it.y);
      return { x: it.cat + jitter, y: axis.clamp(it.y), label: clipped ? `${it.label} (drawn at ${FLOOR})` : it.label, clipped };
    });
    const medians = byCat
      .map((vs, i) => {
        if (vs.length === 0) return null;
        const sorted = [...vs].sort((a, b) => a - b);
        const h = (sorted.length - 1) / 2;
        const m = sorted[Math.floor(h)] + (h - Math.floor(h)) * (sorted[Math.ceil(h)] - sorted[Math.floor(h)]);
        return { x: i, y: axis.clamp(m), label: `${categories[i]}: median ${fmt(m)} (n=${vs.length})${isClipped(m) ? ` (drawn at ${FLOOR})` : ''}`, clipped: isClipped(m) };
      })
      .filter((p) => p !== null);
    const CLIPPED_STYLE = 'triangle';
    new Chart(canvas, {
      type: 'scatter',
      data: {
        datasets: [
          ...extra.map((d) => ({ ...d, data: d.data.map((p: any) => ({ ...p, y: axis.clamp(p.y) })) })),
          {
            label: 'median', data: medians, order: 0, borderColor: MEAN, backgroundColor: MEAN, borderWidth: 3,
            pointStyle: medians.map((m: any) => (m.clipped ? CLIPPED_STYLE : 'line')),
            pointRotation: medians.map((m: any) => (m.clipped ? 180 : 0)),
            pointRadius: medians.map((m: any) => (m.clipped ? 9 : 18)),
            pointHoverRadius: medians.map((m: any) => (m.clipped ? 9 : 18)),
          },
          {
            label: 'trials', data: points, order: 1,
            pointStyle: points.map((p) => (p.clipped ? CLIPPED_STYLE : 'circle')),
            pointRotation: points.map((p) => (p.clipped ? 180 : 0)),
            pointRadius: points.map((p) => (p.clipped ? 6 : 4)),
            pointBackgroundColor: items.map((it) => it.color), pointBorderColor: items.map((it) => it.color),
          },
        ],
      },
      options: {
        plugins: { legend: { display: false }, tooltip },
        scales: {
          x: {
            type: 'linear', min: -0.5, max: categories.length - 0.5, grid: { display: false },
            afterBuildTicks: (scale: any) => { scale.ticks = categories.map((_c, i) => ({ value: i })); },
            ticks: { autoSkip: false, maxRotation: 50, callback: (v: any) => (Number.isInteger(v) ? categories[v].split(' ') : '') },
          },
          y: titled(axis.scale, metric),
        },
      },
    });
    return axis.clipped;
  };

  // Effect of each parameter: the final metric of every trial, by the parameter's value.
  data.effects.forEach((e: any, i: number) => {
    const canvas = byId(`chart-effect-${i}`);
    if (!canvas) return;
    const items = data.trials
      .filter((t: any) => t.value !== null)
      .map((t: any) => ({ cat: e.values.indexOf(t.params[e.param]), y: t.value, color: trialColor(t), label: `${describe(t)}: ${fmt(t.value)}` }))
      .filter((it: any) => it.cat >= 0);
    setNote(`note-effect-${i}`, clipNote(strip(canvas, e.values, items, data.metric)));
  });

  // Spread over seeds: each configuration's seeds, its median and an interquartile band.
  const seeds = byId('chart-seeds');
  if (seeds) {
    const groups = data.seedGroups;
    const items: any[] = [];
    const bars: any[] = [];
    groups.forEach((g: any, i: number) => {
      for (const m of g.members) {
        const t = data.trials.find((x: any) => x.id === m.id);
        items.push({ cat: i, y: m.value, color: t ? trialColor(t) : OTHER, label: `trial ${m.id} seed ${m.seed}: ${fmt(m.value)}` });
      }
      if (g.stats.n > 1) {
        const label = `${g.config}: median ${fmt(g.stats.median)}, IQR [${fmt(g.stats.q1)}, ${fmt(g.stats.q3)}]`;
        bars.push({
          label: `IQR ${g.config}`,
          data: [{ x: i, y: g.stats.q1, label }, { x: i, y: g.stats.q3, label }],
          showLine: true, borderColor: 'rgba(21, 101, 192, 0.35)', borderWidth: 10, pointRadius: 0, order: 2,
        });
      }
    });
    setNote('note-seeds', clipNote(strip(seeds, groups.map((g: any) => g.config || '(all)'), items, data.metric, bars)));
  }

  // Loss versus scale: where val_mse sits against the variance of the targets.
  const scaleChart = byId('chart-scale');
  if (scaleChart) {
    const pts = data.trials
      .filter((t: any) => t.val_mse !== null && t.val_nmse !== null && t.val_mse > 0 && t.val_nmse > 0)
      .map((t: any) => ({ t, variance: t.val_mse / t.val_nmse }));
    const xs = pts.map((p: any) => p.variance);
    const lo = Math.min(...xs) / 3;
    const hi = Math.max(...xs) * 3;
    const dot = (p: any) => ({ x: p.variance, y: p.t.val_mse, label: `${describe(p.t)}: val_mse ${fmt(p.t.val_mse)}, variance ${fmt(p.variance)}` });
    new Chart(scaleChart, {
      type: 'scatter',
      data: {
        datasets: [
          { label: 'val_mse = variance (predicting the mean)', data: [{ x: lo, y: lo }, { x: hi, y: hi }], showLine: true, borderColor: '#555', pointRadius: 0, borderWidth: 1.5 },
          { label: 'flag threshold (half the variance)', data: [{ x: lo, y: lo / 2 }, { x: hi, y: hi / 2 }], showLine: true, borderColor: FLAG, borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5 },
          { label: 'flagged loss_at_variance', data: pts.filter((p: any) => p.t.flagged).map(dot), backgroundColor: FLAG, borderColor: FLAG, pointRadius: 5 },
          { label: 'other trials', data: pts.filter((p: any) => !p.t.flagged).map(dot), backgroundColor: BEST, borderColor: BEST, pointRadius: 4 },
        ],
      },
      options: {
        plugins: { tooltip, legend: { position: 'bottom', labels: { boxWidth: 14, font: { size: 11 } } } },
        scales: {
          x: { type: 'logarithmic', ticks: logTicks, title: { display: true, text: 'variance of the validation targets (val_mse / val_nmse)' } },
          y: { type: 'logarithmic', ticks: logTicks, title: { display: true, text: 'val_mse' } },
        },
      },
    });
  }

  const lossR2 = byId('chart-loss-r2');
  if (lossR2) {
    const pts = data.trials.filter((t: any) => t.loss !== null && t.val_r2 !== null);
    const xAxis = axisFor('loss', pts.map((t: any) => t.loss));
    const yAxis = axisFor('val_r2', pts.map((t: any) => t.val_r2));
    const dot = (t: any) => ({ x: t.loss, y: yAxis.clamp(t.val_r2), label: `${describe(t)}: loss ${fmt(t.loss)}, val_r2 ${fmt(t.val_r2)}` });
    // A clipped value is a downward triangle at the floor, as in the strip plots.
    const marks = (ts: any[], radius: number): any => ({
      pointStyle: ts.map((t: any) => (yAxis.clamp(t.val_r2) !== t.val_r2 ? 'triangle' : 'circle')),
      pointRotation: ts.map((t: any) => (yAxis.clamp(t.val_r2) !== t.val_r2 ? 180 : 0)),
      pointRadius: ts.map((t: any) => (yAxis.clamp(t.val_r2) !== t.val_r2 ? radius + 2 : radius)),
    });
    const flagged = pts.filter((t: any) => t.flagged);
    const others = pts.filter((t: any) => !t.flagged);
    new Chart(lossR2, {
      type: 'scatter',
      data: {
        datasets: [
          { label: 'flagged loss_at_variance', data: flagged.map(dot), backgroundColor: FLAG, borderColor: FLAG, ...marks(flagged, 5) },
          { label: 'other trials', data: others.map(dot), backgroundColor: BEST, borderColor: BEST, ...marks(others, 4) },
        ],
      },
      options: {
        plugins: { tooltip, legend: { position: 'bottom', labels: { boxWidth: 14, font: { size: 11 } } } },
        scales: { x: titled(xAxis.scale, 'final training loss'), y: titled(yAxis.scale, 'val_r2') },
      },
    });
    setNote('note-loss-r2', clipNote(yAxis.clipped));
  }
}
