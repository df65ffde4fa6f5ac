/** The machine a bench ran on, recorded beside its figures. */
import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os'

export interface MachineInfo {
  cpuModel: string
  cores: number
  memoryBytes: number
  freeMemoryBytes: number
  loadAverage: number[]
  node: string
  platform: string
  date: string
}

/** CPU model, cores, memory, Node version, OS and the date. */
export function machineInfo(now: Date): MachineInfo {
  const cpu = cpus()
  return {
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryBytes: totalmem(),
    freeMemoryBytes: freemem(),
    loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
    node: process.version,
    platform: `${platform()} ${release()}`,
    date: now.toISOString(),
  }
}
