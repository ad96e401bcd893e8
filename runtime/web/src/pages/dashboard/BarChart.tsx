/**
 * Vertical bars with uPlot (a canvas: aria-hidden), always followed by the same figures as a table, the
 * chart's text alternative. The chart takes its container's width, so it fits a 390 px screen.
 */
import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { formatNumber } from '../../format.ts';
import { useT } from '../../i18n.tsx';
import { useDashboardT } from './dashboard-i18n.ts';

export interface Bar {
  readonly label: string;
  readonly value: number;
}

export function BarChart(props: { title: string; column: string; bars: readonly Bar[]; id: string }) {
  const { lang } = useT();
  const d = useDashboardT();
  const box = useRef<HTMLDivElement>(null);
  const { bars } = props;
  useEffect(() => {
    const element = box.current;
    if (!element || bars.length === 0) return;
    const xs = bars.map((_, i) => i);
    const plot = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height: 180,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: { time: false, range: [-0.5, bars.length - 0.5] },
          y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] },
        },
        axes: [
          {
            values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? (bars[t]?.label ?? '') : '')),
            size: 40,
            gap: 4,
          },
          { values: (_u, ticks) => ticks.map((t) => formatNumber(t, lang)), size: 48 },
        ],
        series: [
          {},
          {
            label: props.column,
            fill: '#2f6f4f',
            stroke: '#2f6f4f',
            paths: uPlot.paths.bars?.({ size: [0.7, 48] }),
            points: { show: false },
          },
        ],
      },
      [xs, bars.map((b) => b.value)],
      element,
    );
    const resize = () => plot.setSize({ width: Math.max(200, element.clientWidth), height: 180 });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [bars, lang, props.column]);
  return (
    <figure className="dash-chart" aria-labelledby={`${props.id}-title`}>
      <figcaption id={`${props.id}-title`}>{props.title}</figcaption>
      <div ref={box} className="dash-canvas" aria-hidden="true" />
      <details>
        <summary>{d('dataTable')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{props.column}</th>
              <th scope="col">{d('records')}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr key={b.label}>
                <th scope="row">{b.label}</th>
                <td className="num">{formatNumber(b.value, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
