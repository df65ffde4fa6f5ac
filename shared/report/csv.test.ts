import { describe, expect, it } from 'vitest'
import { csvField } from './csv'
import { mdText } from './markdown'
import { escapeHtml } from './text'

describe('field escaping', () => {
  it('quotes CSV fields only when RFC 4180 needs it', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"')
    expect(csvField(undefined)).toBe('')
    expect(csvField(3)).toBe('3')
  })

  it('keeps Markdown table cells on one line and their pipes literal', () => {
    expect(mdText('a | b\nc')).toBe('a \\| b c')
    expect(mdText('<script>*x*</script>')).toBe('\\<script\\>\\*x\\*\\</script\\>')
  })

  it('escapes HTML text and attributes', () => {
    expect(escapeHtml(`<a href="x">O'Brien & co</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;O&#39;Brien &amp; co&lt;/a&gt;',
    )
  })
})

describe('CSV injection (OWASP)', () => {
  it('neutralizes every text cell a spreadsheet would read as a formula', () => {
    for (const text of ['=HYPERLINK("http://x","y")', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      const field = csvField(text)
      expect(field.startsWith(`"'`), text).toBe(true)
      expect(field).toBe(`"'${text.replace(/"/g, '""')}"`)
    }
    expect(csvField('a=b')).toBe('a=b')
    expect(csvField(-1)).toBe('-1')
  })
})
