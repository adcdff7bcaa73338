import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

// Only what the report charts draw is registered, so the bundle carries only those parts of
// Chart.js (its package is tree-shaken; `chart.js/auto` would pull in every chart type).
Chart.register(
  LineController,
  LineElement,
  PointElement,
  BarController,
  BarElement,
  DoughnutController,
  ArcElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
);
Chart.defaults.font.family =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif";
Chart.defaults.font.size = 13;
Chart.defaults.color = '#1F2937';

/** Chart.js with the report charts' parts registered. */
export { Chart };
