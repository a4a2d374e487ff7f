import { describe, expect, it } from 'vitest';
import { resolveTransferSyntax, SUPPORTED_TRANSFER_SYNTAX_UIDS } from './transfer-syntaxes';

describe('resolveTransferSyntax', () => {
  it('maps each supported UID to its decoder', () => {
    expect(resolveTransferSyntax('1.2.840.10008.1.2').encoding).toBe('native');
    expect(resolveTransferSyntax('1.2.840.10008.1.2.2').encoding).toBe('native-big-endian');
    expect(resolveTransferSyntax('1.2.840.10008.1.2.5').encoding).toBe('rle');
    expect(resolveTransferSyntax('1.2.840.10008.1.2.4.50').encoding).toBe('jpeg-baseline');
    expect(resolveTransferSyntax('1.2.840.10008.1.2.4.57').encoding).toBe('jpeg-lossless');
    expect(resolveTransferSyntax('1.2.840.10008.1.2.4.70').encoding).toBe('jpeg-lossless');
    expect(resolveTransferSyntax('1.2.840.10008.1.2.4.81').encoding).toBe('jpeg-ls');
    expect(resolveTransferSyntax('1.2.840.10008.1.2.4.91').encoding).toBe('jpeg-2000');
    expect(SUPPORTED_TRANSFER_SYNTAX_UIDS).toHaveLength(13);
  });

  it('refuses a known unsupported syntax naming its UID and name', () => {
    expect(() => resolveTransferSyntax('1.2.840.10008.1.2.4.100')).toThrow(
      expect.objectContaining({
        code: 'UNSUPPORTED_IMAGE',
        message: expect.stringMatching(/1\.2\.840\.10008\.1\.2\.4\.100 \(MPEG2 Main Profile \/ Main Level\)/),
      }),
    );
  });

  it('refuses an unknown UID saying it is unknown', () => {
    expect(() => resolveTransferSyntax('1.2.3.4.5')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_IMAGE', message: expect.stringContaining('1.2.3.4.5 (an unknown') }),
    );
  });
});
