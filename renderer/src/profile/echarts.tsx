import { memo, useEffect, useRef, useState } from 'react';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption, EChartsType } from 'echarts/core';

// echarts is half of the app's code: loaded with the first chart, not before the window opens.
const loadCore = () => import('./echarts-core');

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

/** Colors from the app's CSS variables, so charts follow the light or dark theme. */
export function themeColors(element: Element): { accent: string; muted: string; text: string; border: string; warn: string } {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { accent: read('--accent', '#005fb8'), muted: read('--text-faint', '#8b8b8b'), text: read('--text-muted', '#616161'), border: read('--border', '#e5e5e5'), warn: read('--warn', '#9a6700') };
}

const themeListeners = new Set<() => void>();
let themeWatch: MutationObserver | null = null;

/** Charts redraw in the new colors when the theme changes (`data-theme` on <html>, or the OS setting). */
function onThemeChange(listener: () => void): () => void {
  if (!themeWatch) {
    const notify = () => themeListeners.forEach((l) => l());
    themeWatch = new MutationObserver(notify);
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', notify);
  }
  themeListeners.add(listener);
  return () => themeListeners.delete(listener);
}

interface EChartProps {
  option: ChartOption | ((colors: ReturnType<typeof themeColors>) => ChartOption);
  className?: string;
  testId?: string;
  /** A label for screen readers (the canvas itself says nothing). */
  label: string;
}

/** One echarts instance on a canvas, resized with its box and disposed with the component. */
export const EChart = memo(function EChart({ option, className, testId, label }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    const element = ref.current!;
    let instance: EChartsType | null = null;
    let observer: ResizeObserver | null = null;
    let live = true;
    loadCore().then(
      ({ init }) => {
        if (!live) return;
        const created = init(element, undefined, { renderer: 'canvas' });
        instance = created;
        chart.current = created;
        observer = new ResizeObserver(() => created.resize());
        observer.observe(element);
        setReady(true);
      },
      (error: unknown) => {
        // The chart code is a chunk of its own: a broken install or a lost dev server must not leave a silent blank box.
        console.error('the chart code did not load', error);
        if (live) setFailed(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      live = false;
      observer?.disconnect();
      instance?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    const draw = () => {
      const instance = chart.current;
      if (!instance || !ref.current) return;
      instance.setOption(typeof option === 'function' ? option(themeColors(ref.current)) : option, { notMerge: true });
    };
    draw();
    return onThemeChange(draw);
  }, [option, ready]);
  return (
    <div ref={ref} className={className} data-testid={testId} role="img" aria-label={failed ? `${label}: chart unavailable` : label}>
      {failed && (
        <span className="chart-failed" data-testid="chart-failed" title={`The chart code did not load: ${failed}`}>
          chart unavailable
        </span>
      )}
    </div>
  );
});
