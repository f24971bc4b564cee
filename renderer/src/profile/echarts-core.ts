import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the profile charts draw, so the chunk carries no other chart type.
use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export { init };
