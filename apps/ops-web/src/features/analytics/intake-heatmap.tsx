import type { PanelResult } from './panel-types.ts';

/**
 * The weekday × hour grid: each cell's shade is its intakes against the busiest cell; a cell
 * where accepts fell short of intakes is outlined (where the queue backs up). Drawn for the eye
 * only: the table under it has every number.
 */
export function IntakeHeatmap({ result }: { result: PanelResult }) {
  const cells = result.rows.map((row) => ({
    weekday: String(row.weekday),
    hour: Number(row.hour),
    intakes: Number(row.intakes),
    accepts: Number(row.accepts),
  }));
  const busiest = Math.max(1, ...cells.map((cell) => cell.intakes));
  const weekdays = [...new Set(cells.map((cell) => cell.weekday))];
  return (
    <div aria-hidden="true" className="overflow-x-auto">
      <div className="grid min-w-[40rem] grid-cols-[3rem_repeat(24,minmax(0,1fr))] gap-0.5 text-xs">
        <span />
        {Array.from({ length: 24 }, (_, hour) => (
          <span key={hour} className="text-center text-muted-foreground">
            {hour % 3 === 0 ? hour : ''}
          </span>
        ))}
        {weekdays.map((weekday) => (
          <Row
            key={weekday}
            weekday={weekday}
            cells={cells.filter((cell) => cell.weekday === weekday)}
            busiest={busiest}
          />
        ))}
      </div>
    </div>
  );
}

function Row({
  weekday,
  cells,
  busiest,
}: {
  weekday: string;
  cells: { hour: number; intakes: number; accepts: number }[];
  busiest: number;
}) {
  return (
    <>
      <span className="pr-1 text-muted-foreground">{weekday}</span>
      {cells.map((cell) => (
        <span
          key={cell.hour}
          title={`${weekday} ${cell.hour}:00 — ${cell.intakes} intakes, ${cell.accepts} accepts`}
          className={`h-5 rounded-sm ${cell.accepts < cell.intakes ? 'ring-1 ring-destructive' : ''}`}
          style={{
            backgroundColor: `color-mix(in oklch, var(--chart-1) ${Math.round((100 * cell.intakes) / busiest)}%, var(--muted))`,
          }}
        />
      ))}
    </>
  );
}
