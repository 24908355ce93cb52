import { ROOM_LIMITS } from '@autodoctor/session-core/rules';
import sharp from 'sharp';
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { exifHasGps, noiseJpeg, phoneJpeg, smallImage } from '../testing/images.ts';
import { NotAnImageError, processPhoto, sniffPhotoType, TooManyPixelsError } from './process-photo.ts';

/** A PNG whose header claims `width` × `height` pixels over a few bytes of data: a decompression bomb's header. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(1_000))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('sniffPhotoType', () => {
  it('knows JPEG, PNG and WebP by their first bytes, and nothing else', async () => {
    expect(sniffPhotoType(await phoneJpeg(40, 30))).toBe('image/jpeg');
    expect(sniffPhotoType(await smallImage('png'))).toBe('image/png');
    expect(sniffPhotoType(await smallImage('webp'))).toBe('image/webp');
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const tiff = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .tiff()
      .toBuffer();
    for (const other of [
      gif,
      tiff,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      Buffer.from('hello'),
      Buffer.alloc(0),
    ]) {
      expect(sniffPhotoType(other)).toBeUndefined();
    }
  });
});

describe('processPhoto', () => {
  it('turns a phone photo upright and keeps none of its metadata: no EXIF, so no GPS position', async () => {
    const original = await phoneJpeg(1200, 900);
    const before = await sharp(original).metadata();
    expect(exifHasGps(before.exif)).toBe(true);
    expect(before.orientation).toBe(6);

    const photo = await processPhoto(original);
    expect(photo).toMatchObject({ contentType: 'image/jpeg', width: 900, height: 1200 });
    for (const [bytes, format] of [
      [photo.bytes, 'jpeg'],
      [photo.thumbnail.bytes, 'webp'],
    ] as const) {
      const after = await sharp(bytes).metadata();
      expect(after.format).toBe(format);
      expect(after.exif).toBeUndefined();
      expect(after.orientation).toBeUndefined();
      expect(after.xmp).toBeUndefined();
      expect(after.iptc).toBeUndefined();
      expect(after.icc).toBeUndefined();
      expect(bytes.includes(Buffer.from('TestPhone'))).toBe(false);
    }
    const thumbnail = await sharp(photo.thumbnail.bytes).metadata();
    expect([thumbnail.width, thumbnail.height]).toEqual([240, ROOM_LIMITS.thumbnailEdgePx]);
  });

  it('shrinks a large photo to fit the longest edge, never enlarges a small one', async () => {
    const large = await processPhoto(await noiseJpeg(3_000_000));
    expect(Math.max(large.width, large.height)).toBe(ROOM_LIMITS.photoMaxEdgePx);
    const small = await processPhoto(await smallImage('png', 64, 48));
    expect([small.width, small.height]).toEqual([64, 48]);
  });

  it('keeps PNG as PNG and WebP as WebP (transparency included); the thumbnail is WebP', async () => {
    for (const format of ['png', 'webp'] as const) {
      const photo = await processPhoto(await smallImage(format));
      expect(photo.contentType).toBe(`image/${format}`);
      const after = await sharp(photo.bytes).metadata();
      expect(after).toMatchObject({ format, hasAlpha: true });
      expect((await sharp(photo.thumbnail.bytes).metadata()).format).toBe('webp');
    }
  });

  it('refuses what is not a JPEG, PNG or WebP, whatever it claims: text, SVG, GIF, a JPEG header over garbage', async () => {
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const jpeg = await phoneJpeg(40, 30);
    const corrupt = Buffer.concat([jpeg.subarray(0, 200), Buffer.alloc(2_000, 0x41)]);
    const notImages = [
      Buffer.from('just some text in a file named photo.jpg\n'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
      gif,
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]),
      corrupt,
      Buffer.alloc(0),
    ];
    for (const bytes of notImages) {
      await expect(processPhoto(bytes)).rejects.toBeInstanceOf(NotAnImageError);
    }
  });

  it('refuses an image of more than ROOM_LIMITS.photoMaxInputPixels from its header, before decoding it', async () => {
    await expect(processPhoto(pngClaiming(20_000, 20_000))).rejects.toBeInstanceOf(TooManyPixelsError);
  });
});
