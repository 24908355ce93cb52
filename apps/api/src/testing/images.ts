import sharp from 'sharp';

/** EXIF's GPSInfo tag (0x8825), as either byte order writes it: where a photo's position is. */
const GPS_INFO_TAG = [Buffer.from([0x88, 0x25]), Buffer.from([0x25, 0x88])];

/** Whether an EXIF block carries a GPS position. */
export function exifHasGps(exif: Buffer | undefined): boolean {
  return exif !== undefined && GPS_INFO_TAG.some((tag) => exif.includes(tag));
}

/**
 * A phone-like JPEG: `width` × `height` as stored, an EXIF orientation of 6 (the
 * camera was turned: upright it is `height` × `width`), the phone's make and the
 * GPS position where it was taken.
 */
export async function phoneJpeg(width = 1200, height = 900): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#c0392b' } })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'Camera 12' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 24/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 21/1 3/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
}

/**
 * A JPEG of random pixels (the worst case to encode) of about `approxBytes`
 * (quality 90 noise takes ~0.82 bytes per pixel), 4:3.
 */
export async function noiseJpeg(approxBytes: number): Promise<Buffer> {
  const pixels = approxBytes / 0.82;
  const width = Math.round(Math.sqrt((pixels * 4) / 3));
  const height = Math.round((width * 3) / 4);
  const raw = Buffer.alloc(width * height * 3);
  let seed = 12345;
  for (let i = 0; i < raw.length; i++) {
    // A small LCG: the same image every run, no Math.random.
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = seed >> 16;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** A small PNG and WebP, with transparency. */
export async function smallImage(format: 'png' | 'webp', width = 64, height = 48): Promise<Buffer> {
  const image = sharp({
    create: { width, height, channels: 4, background: { r: 0, g: 128, b: 255, alpha: 0.5 } },
  });
  return (format === 'png' ? image.png() : image.webp()).toBuffer();
}
