import { readFileSync, writeFileSync } from 'node:fs'
import { createChromiumPdfPrinter } from './src-main/export/chromium-pdf'
const p = createChromiumPdfPrinter(process.env)
for (const n of process.argv.slice(2)) {
  const pdf = await p.printHtml(readFileSync(`/tmp/exp/${n}.html`, 'utf8'))
  writeFileSync(`/tmp/exp/${n}.pdf`, pdf)
}
await p.close()
