// Scales for the dashboard's activity chart. Pure, so the server-rendered SVG and its tests agree.

/** A round step (1, 2 or 5 times a power of ten) at least as big as the given one. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

/**
 * The y axis for values up to `maxValue`: a round top and at most `maxTicks` + 1 whole-number
 * ticks from 0. An empty chart still gets an axis of 0–1.
 */
export function yScale(maxValue: number, maxTicks = 4): { max: number; ticks: number[] } {
  if (!(maxValue > 0)) return { max: 1, ticks: [0, 1] };
  const step = Math.max(1, niceStep(maxValue / maxTicks));
  const max = Math.ceil(maxValue / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= max; t += step) ticks.push(t);
  return { max, ticks };
}

/** Which of `count` bars get a date label: the first, the last and evenly spaced ones between. */
export function labelledIndexes(count: number, maxLabels = 5): number[] {
  if (count <= 0) return [];
  if (count <= maxLabels) return Array.from({ length: count }, (_, i) => i);
  const gaps = maxLabels - 1;
  return [...new Set(Array.from({ length: maxLabels }, (_, i) => Math.round((i * (count - 1)) / gaps)))];
}
