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
import type { Theme } from '../../app/theme'

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

/** The colours a chart draws with in one theme. */
export interface ChartPalette {
  /** The panel the canvas sits on (styles.css --panel). */
  background: string
  /** Axis labels, legend and tooltips text (styles.css --text and --muted). */
  text: string
  muted: string
  grid: string
  /** One per maturity level 0…5, the same scale as the heatmap's --l0…--l5. */
  levels: readonly [string, string, string, string, string, string]
  /** One per domain, in domainIds order; distinguishable, and each ≥ 3:1 against the background. */
  domains: readonly string[]
  /** The radar's current, previous and target lines. */
  series: readonly [string, string, string]
}

/**
 * Both themes' chart palettes. WCAG 1.4.11 asks graphical objects for 3:1 against their background; axe can't
 * see inside a canvas, so chart-setup.test.ts checks every colour here against its theme's background.
 */
export const chartPalettes: Record<Theme, ChartPalette> = {
  light: {
    background: '#ffffff',
    text: '#1b1f24',
    muted: '#5b6470',
    grid: '#d8dde3',
    levels: ['#b3261e', '#b4441a', '#8a5d00', '#5f6b00', '#2e7d32', '#1b5e20'],
    domains: ['#0b62a4', '#b35c00', '#00795b', '#b03f83', '#6a4bc4', '#c0392b', '#7a6900', '#4a5360'],
    series: ['#0b62a4', '#b35c00', '#4a5360'],
  },
  dark: {
    background: '#1d2127',
    text: '#e6e9ed',
    muted: '#9aa3ad',
    grid: '#343a42',
    levels: ['#ff8a80', '#ffab70', '#f2c94c', '#d4e157', '#81c784', '#4caf50'],
    domains: ['#6cb4f0', '#f0a63c', '#3fcf9d', '#f08cc4', '#b69cff', '#ff8a6b', '#e4d75a', '#c4ccd6'],
    series: ['#6cb4f0', '#f0a63c', '#c4ccd6'],
  },
}

/** Axis, grid and legend colours for a chart in one theme (chart.js draws them on the canvas itself). */
export function themedScale(palette: ChartPalette) {
  return { ticks: { color: palette.muted }, grid: { color: palette.grid }, border: { color: palette.grid } }
}

/** Legend and tooltip text in one theme. */
export function themedPlugins(palette: ChartPalette) {
  return { legend: { labels: { color: palette.text } } }
}

/**
 * What every chart here shares: it fills its box, draws at once (no animation) and themes its legend; pass
 * `plugins` to replace the legend setting.
 */
export function chartOptions(palette: ChartPalette, plugins: object = themedPlugins(palette)) {
  return { responsive: true, maintainAspectRatio: false, animation: false as const, plugins }
}
