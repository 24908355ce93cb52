// bench:api scenario 5, photo upload: a 4 MB phone-sized JPEG uploaded to instance A
// (`POST /api/photos?for=intake`), then its thumbnail asked of instance B until it is served: the
// time from the upload's first byte to the thumbnail's last, as a customer's app sees it.
import { noiseJpeg } from '../../src/testing/images.ts';
import { makeUsers } from '../accounts.ts';
import type { ApiBench } from '../api-bench.ts';
import { progress } from '../harness.ts';

/** Uploads measured (after one unmeasured, which warms sharp and the paths); each customer keeps < 10 unsent. */
const PHOTO_ROUNDS = 5;
const PHOTO_BYTES = 4 * 1024 * 1024;

export interface PhotoUploadFigures {
  /** Median of the rounds: upload sent → thumbnail served (200, read whole). */
  photo_upload_ms: number;
  photo_upload_max_ms: number;
  /** Of that, the upload's answer (decoded, re-encoded, stored). */
  photo_upload_post_ms: number;
  photo_upload_bytes: number;
  photo_upload_rounds: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round1 = (ms: number) => Math.round(ms * 10) / 10;

/** Runs the photo rounds: uploads through instance A, thumbnails from instance B. */
export async function benchPhotoUpload(bench: ApiBench): Promise<PhotoUploadFigures> {
  const [uploadUrl, readUrl] = bench.apiUrls as [string, string];
  const [customer] = await makeUsers(bench.sql, 'customer', 1, { apiUrls: bench.apiUrls });
  const jpeg = await noiseJpeg(PHOTO_BYTES);
  progress(`Photo upload: a ${(jpeg.length / 1024 / 1024).toFixed(1)} MB JPEG, ${PHOTO_ROUNDS} rounds …`);
  const totals: number[] = [];
  const posts: number[] = [];
  for (let round = -1; round < PHOTO_ROUNDS; round++) {
    const started = performance.now();
    const uploaded = await fetch(`${uploadUrl}/api/photos?for=intake`, {
      method: 'POST',
      headers: { cookie: customer!.cookie, 'content-type': 'image/jpeg' },
      body: jpeg,
    });
    if (uploaded.status !== 201) {
      throw new Error(`photo upload answered ${uploaded.status}: ${await uploaded.text()}`);
    }
    const { thumbnailUrl } = (await uploaded.json()) as { thumbnailUrl: string };
    const posted = performance.now();
    const thumbnail = await fetch(`${readUrl}${thumbnailUrl}`, { headers: { cookie: customer!.cookie } });
    const bytes = await thumbnail.arrayBuffer();
    if (thumbnail.status !== 200 || bytes.byteLength === 0) {
      throw new Error(`thumbnail answered ${thumbnail.status}`);
    }
    if (round >= 0) {
      totals.push(performance.now() - started);
      posts.push(posted - started);
    }
  }
  return {
    photo_upload_ms: round1(median(totals)),
    photo_upload_max_ms: round1(Math.max(...totals)),
    photo_upload_post_ms: round1(median(posts)),
    photo_upload_bytes: jpeg.length,
    photo_upload_rounds: PHOTO_ROUNDS,
  };
}

/** The human-readable lines of `bench:api`'s output. */
export function printPhotoUpload(figures: PhotoUploadFigures): void {
  console.log(
    `Photo upload (${(figures.photo_upload_bytes / 1024 / 1024).toFixed(1)} MB JPEG to instance A, ` +
      `thumbnail from B; median of ${figures.photo_upload_rounds})`,
  );
  console.log(
    `  ${'upload → thumbnail served'.padEnd(38)}${`${figures.photo_upload_ms} ms`.padEnd(26)}` +
      `max ${figures.photo_upload_max_ms} ms; the upload's answer ${figures.photo_upload_post_ms} ms`,
  );
}
