// Chart.js (from its WebJar, loaded as a classic script: window.Chart) with the dashboard's theme.
// A chart is kept per canvas key and updated in place, so live updates do not flicker.

const charts = new Map();

export const colours = {
  ok: '#2fbf71', warn: '#f0b429', bad: '#ef4e4e', crit: '#c026d3', info: '#60a5fa', accent: '#4aa3ff',
  muted: '#8a99a8', grid: '#243039', series: ['#4aa3ff', '#2fbf71', '#f0b429', '#ef4e4e', '#a78bfa', '#22d3ee', '#f472b6'],
};

function themed(options = {}) {
  const axis = { ticks: { color: colours.muted }, grid: { color: colours.grid } };
  return {
    responsive: true,
    maintainAspectRatio: false,
    // Live updates redraw often: no animation, so a value shows the moment it arrives.
    animation: false,
    plugins: { legend: { labels: { color: '#c8d2dc', boxWidth: 12 } } },
    scales: { x: { ...axis }, y: { ...axis, beginAtZero: true } },
    ...options,
  };
}

/** True once Chart.js has loaded. */
export function ready() {
  return typeof window.Chart === 'function';
}

/**
 * Draws (or updates) the chart kept under key on canvas; config is a Chart.js config whose
 * options are merged over the theme.
 */
export function draw(key, canvas, config) {
  if (!ready()) {
    return null;
  }
  const existing = charts.get(key);
  if (existing && existing.canvas === canvas) {
    existing.data = config.data;
    existing.update();
    return existing;
  }
  if (existing) {
    existing.destroy();
  }
  const options = config.type === 'doughnut'
    ? { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'right', labels: { color: '#c8d2dc' } } } }
    : themed(config.options || {});
  if (config.stacked) {
    options.scales.x.stacked = true;
    options.scales.y.stacked = true;
  }
  if (config.horizontal) {
    options.indexAxis = 'y';
  }
  if (config.max !== undefined) {
    options.scales.y.max = config.max;
  }
  if (config.type === 'bar') {
    config.data.datasets.forEach((dataset) => { dataset.maxBarThickness = dataset.maxBarThickness || 28; });
  }
  const chart = new window.Chart(canvas, { type: config.type, data: config.data, options });
  charts.set(key, chart);
  return chart;
}
