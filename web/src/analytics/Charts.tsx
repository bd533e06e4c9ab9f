/**
 * Hand-written SVG charts for the leaders' dashboard (no chart library: nothing reaches the citizen pages). Each chart
 * is an image with a title and a one-sentence summary, followed by its data as a table, so it is readable without
 * sight and on a phone.
 */
import { useId } from 'react';

export interface Bar {
  label: string;
  value: number;
  /** Text shown for the value (default the number). */
  text?: string;
}

export function BarChart({ title, summary, bars, max, headers }: { title: string; summary: string; bars: Bar[]; max?: number; headers: [string, string] }) {
  const id = useId();
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const rowH = 28;
  const labelW = 120;
  const width = 320;
  const height = bars.length * rowH + 8;
  return (
    <figure className="chart">
      <h3 id={`${id}-t`}>{title}</h3>
      <p id={`${id}-s`}>{summary}</p>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${id}-t ${id}-s`} style={{ maxWidth: 640 }}>
        {bars.map((b, i) => {
          const w = Math.max(0, ((width - labelW - 48) * b.value) / top);
          const y = i * rowH + 4;
          return (
            <g key={b.label}>
              <text x={0} y={y + 17} fontSize="12" fill="currentColor">
                {b.label.length > 18 ? `${b.label.slice(0, 17)}…` : b.label}
              </text>
              <rect x={labelW} y={y + 4} width={w} height={rowH - 10} fill="#1d5fa8" />
              <text x={labelW + w + 4} y={y + 17} fontSize="12" fill="currentColor">
                {b.text ?? b.value}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="data-table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{headers[0]}</th>
            <th scope="col">{headers[1]}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr key={b.label}>
              <th scope="row">{b.label}</th>
              <td>{b.text ?? b.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
