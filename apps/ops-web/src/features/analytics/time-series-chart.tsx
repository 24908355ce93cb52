// Loaded lazily (React.lazy in panel-card.tsx): recharts stays out of the console's first load.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCell, formatTick } from './format-cell.ts';
import { seriesColour, type PanelChart } from './panel-charts.ts';
import type { PanelResult } from './panel-types.ts';

type SeriesChart = Extract<PanelChart, { kind: 'bars' | 'stacked-bars' | 'lines' }>;

/** Some of a panel's columns over its first (time, or a mechanic), as bars or lines. */
export default function TimeSeriesChart({ chart, result }: { chart: SeriesChart; result: PanelResult }) {
  const series = chart.series.map((key) => result.columns.find((column) => column.key === key)!);
  const unitColumn = series[0]!;
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey={chart.x} tick={{ fontSize: 12 }} minTickGap={24} />
      <YAxis
        tick={{ fontSize: 12 }}
        width={72}
        tickFormatter={(value: number) => formatTick(value, unitColumn)}
      />
      <Tooltip
        formatter={(value, _name, item) =>
          formatCell(Number(value), series.find((s) => s.key === item.dataKey) ?? unitColumn)
        }
      />
      {/* In the columns' order (free, credit, paid), not sorted by name. */}
      <Legend itemSorter={null} />
    </>
  );
  return (
    <ResponsiveContainer width="100%" height={260}>
      {chart.kind === 'lines' ? (
        <LineChart data={result.rows} accessibilityLayer={false}>
          {axes}
          {series.map((column, index) => (
            <Line
              key={column.key}
              dataKey={column.key}
              name={column.label}
              stroke={seriesColour(index)}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      ) : (
        <BarChart data={result.rows} accessibilityLayer={false}>
          {axes}
          {series.map((column, index) => (
            <Bar
              key={column.key}
              dataKey={column.key}
              name={column.label}
              fill={seriesColour(index)}
              isAnimationActive={false}
              {...(chart.kind === 'stacked-bars' ? { stackId: 'stack' } : {})}
            />
          ))}
        </BarChart>
      )}
    </ResponsiveContainer>
  );
}
