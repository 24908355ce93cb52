import { ROOM_LIMITS, type PhotoContentType } from '@autodoctor/session-core/rules';
import sharp, { type Metadata, type OutputInfo, type SharpOptions } from 'sharp';

/** The file is not a JPEG, PNG or WebP image, whatever its name or Content-Type said. */
export class NotAnImageError extends Error {
  override name = 'NotAnImageError';
  constructor() {
    super('This file is not a photo: send a JPEG, PNG or WebP image');
  }
}

/** The image decodes to more pixels than ROOM_LIMITS.photoMaxInputPixels (a decompression bomb, or a huge scan). */
export class TooManyPixelsError extends Error {
  override name = 'TooManyPixelsError';
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    super(`This photo is too large (${width} × ${height} pixels): send a smaller one`);
  }
}

/** A photo ready to store: re-encoded without any metadata, and its thumbnail. */
export interface ProcessedPhoto {
  contentType: PhotoContentType;
  width: number;
  height: number;
  bytes: Buffer;
  thumbnail: { contentType: 'image/webp'; bytes: Buffer };
}

/**
 * The image type its first bytes say, or undefined: the only formats ever handed
 * to the decoder (never SVG, TIFF, PDF … whatever sharp could read).
 */
export function sniffPhotoType(bytes: Uint8Array): PhotoContentType | undefined {
  const startsWith = (signature: number[], offset = 0) =>
    bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);
  if (startsWith([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF, a 4-byte length, WEBP.
  if (startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}

// libvips' operation cache keeps recent inputs and results in memory for reuse: every upload is a
// new image, so it would only hold memory.
sharp.cache(false);

const CONTENT_TYPE_OF_FORMAT: Record<string, PhotoContentType> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

const DECODE_OPTIONS: SharpOptions = {
  // Refused from the header's dimensions, before any pixel is decoded.
  limitInputPixels: ROOM_LIMITS.photoMaxInputPixels,
  // Phones' JPEGs often carry harmless warnings; corrupt pixel data is still refused.
  failOn: 'error',
  // An animated WebP or PNG: its first frame.
  pages: 1,
};

/**
 * Checks that `bytes` are a JPEG, PNG or WebP image by their content (magic
 * bytes, then the decoder's reading of the header, which must agree), and
 * re-encodes it: turned upright by its EXIF orientation, shrunk to fit
 * ROOM_LIMITS.photoMaxEdgePx (never enlarged), in its own format, with no
 * metadata at all (no EXIF, so no GPS position; no XMP, IPTC or ICC: colours are
 * converted to sRGB); and a WebP thumbnail within ROOM_LIMITS.thumbnailEdgePx.
 *
 * @throws {NotAnImageError} not one of the three formats, or not decodable
 * @throws {TooManyPixelsError} more than ROOM_LIMITS.photoMaxInputPixels
 */
export async function processPhoto(bytes: Buffer): Promise<ProcessedPhoto> {
  const sniffed = sniffPhotoType(bytes);
  if (!sniffed) throw new NotAnImageError();
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { ...DECODE_OPTIONS, limitInputPixels: false }).metadata();
  } catch {
    throw new NotAnImageError();
  }
  if (CONTENT_TYPE_OF_FORMAT[metadata.format ?? ''] !== sniffed || !metadata.width || !metadata.height) {
    throw new NotAnImageError();
  }
  if (metadata.width * metadata.height > ROOM_LIMITS.photoMaxInputPixels) {
    throw new TooManyPixelsError(metadata.width, metadata.height);
  }

  const edge = ROOM_LIMITS.photoMaxEdgePx;
  const resized = sharp(bytes, DECODE_OPTIONS)
    .rotate() // EXIF orientation applied to the pixels, since the tag itself goes with the metadata
    .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true });
  const encoded =
    sniffed === 'image/jpeg'
      ? resized.jpeg({ quality: 82 })
      : sniffed === 'image/png'
        ? resized.png()
        : resized.webp({ quality: 82 });
  let full: { data: Buffer; info: OutputInfo };
  try {
    // sharp writes no metadata unless asked to (keepExif, withMetadata …): none is asked for.
    full = await encoded.toBuffer({ resolveWithObject: true });
  } catch {
    throw new NotAnImageError(); // a valid header over corrupt pixel data
  }
  const thumbEdge = ROOM_LIMITS.thumbnailEdgePx;
  // From the re-encoded photo: already upright, small to decode, without metadata.
  const thumbnail = await sharp(full.data)
    .resize({ width: thumbEdge, height: thumbEdge, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75 })
    .toBuffer();
  return {
    contentType: sniffed,
    width: full.info.width,
    height: full.info.height,
    bytes: full.data,
    thumbnail: { contentType: 'image/webp', bytes: thumbnail },
  };
}
