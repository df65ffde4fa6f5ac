import {
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  RadialLinearScale,
  Tooltip,
} from 'chart.js'

/** Registers the chart.js parts the trends use (tree-shaken: only these are bundled). Safe to call twice. */
export function registerCharts(): void {
  Chart.register(
    BarElement,
    CategoryScale,
    Filler,
    Legend,
    LinearScale,
    LineElement,
    PointElement,
    RadialLinearScale,
    Tooltip,
  )
}

/** Colours per maturity level, matching the --l0…--l5 scale of the heatmap. */
export const levelColors = ['#b3261e', '#d9603b', '#e0a030', '#b8c43a', '#58a55c', '#1f7a3d'] as const

/** A distinguishable colour per domain (8, colour-blind friendly order from the Okabe–Ito palette). */
export const domainColors = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#f0e442',
  '#000000',
] as const
