import uPlot from 'uplot';
import type { ChartColours } from './theme';

export interface ChartInput {
  readonly kind: 'line' | 'bar';
  readonly times: readonly number[];
  readonly values: readonly number[];
  readonly colour: number;
  readonly unit: string;
  readonly formatValue: (value: number) => string;
  /** The point under the cursor (hover or arrow keys), or undefined when it leaves. */
  readonly onPoint: (index: number | undefined) => void;
}

const chartHeight = 180;

/** One uPlot canvas; rebuilt (not restyled) when the theme changes, as uPlot caches its colours. */
export class Chart {
  private plot: uPlot | undefined;
  private readonly resize = new ResizeObserver(() => this.fit());

  constructor(private readonly host: HTMLElement) {
    this.resize.observe(host);
  }

  draw(input: ChartInput, colours: ChartColours): void {
    this.plot?.destroy();
    const stroke = colours.series[input.colour % colours.series.length]!;
    const axis: uPlot.Axis = {
      stroke: colours.foreground,
      grid: { stroke: colours.grid, width: 1 },
      ticks: { stroke: colours.grid, width: 1 },
    };
    const options: uPlot.Options = {
      width: this.width(),
      height: chartHeight,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      scales: { x: { time: true } },
      axes: [axis, { ...axis, values: (_u, ticks) => ticks.map((tick) => input.formatValue(tick)), size: 70 }],
      series: [
        {},
        {
          label: input.unit,
          stroke,
          width: 2,
          ...(input.kind === 'bar' ? { fill: translucent(stroke), paths: uPlot.paths.bars!({ size: [0.7, 40] }), points: { show: false } } : {}),
        },
      ],
      hooks: {
        setCursor: [(u) => input.onPoint(u.cursor.idx ?? undefined)],
      },
    };
    this.plot = new uPlot(options, [input.times as number[], input.values as number[]], this.host);
  }

  /** Moves the cursor to a point, as hovering it would. */
  showPoint(index: number): void {
    const plot = this.plot;
    if (!plot) return;
    const time = plot.data[0][index];
    const value = plot.data[1]![index];
    if (time === undefined || value === undefined || value === null) return;
    plot.setCursor({ left: plot.valToPos(time, 'x'), top: plot.valToPos(value, 'y') });
  }

  dispose(): void {
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
  }

  private fit(): void {
    if (this.plot && this.plot.width !== this.width()) this.plot.setSize({ width: this.width(), height: chartHeight });
  }

  private width(): number {
    return Math.max(200, Math.floor(this.host.clientWidth));
  }
}

/** Bars filled a little lighter than their outline; a colour that is not #rrggbb is used as it is. */
function translucent(colour: string): string {
  return /^#[0-9a-f]{6}$/i.test(colour) ? `${colour}99` : colour;
}
