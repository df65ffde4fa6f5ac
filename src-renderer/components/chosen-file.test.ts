import { describe, expect, it, vi } from 'vitest'
import { chosenFileText } from './chosen-file'

describe('chosenFileText', () => {
  it('refuses an oversized file by its size, before reading it', async () => {
    const file = new File(['x'.repeat(2048)], 'huge.yaml')
    const read = vi.spyOn(file, 'text')
    await expect(chosenFileText(file, 'a model file', 1024)).rejects.toMatchObject({
      code: 'file-too-large',
      message: 'huge.yaml is 0.0 MiB; a model file may be at most 0.0 MiB.',
    })
    expect(read).not.toHaveBeenCalled()
  })

  it('reads a file within the limit', async () => {
    await expect(chosenFileText(new File(['schemaVersion: 1'], 'm.yaml'), 'a model file')).resolves.toBe(
      'schemaVersion: 1',
    )
  })
})
