/**
 * The worker thread that turns a HEIC/HEIF into a small JPEG: libheif (wasm) decodes the primary
 * image (its rotation and mirroring applied), a box filter shrinks it, jpeg-js encodes it. Run off
 * the main thread because one 12 MP decode takes seconds of CPU and a few hundred MB of wasm heap;
 * ending this thread is what gives that heap back. Built to out/heic-decode-worker.cjs.
 */
import { parentPort } from 'node:worker_threads';
import jpeg from 'jpeg-js';
import libheif from 'libheif-js/wasm-bundle';
import type { DecodeAnswer, DecodeRequest } from './decode-messages';
import { isAllDark, shrinkRgba } from './scale';

function decodePrimary(bytes: Uint8Array): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const images = new libheif.HeifDecoder().decode(bytes);
  const image = images[0];
  if (!image) return Promise.reject(new Error('not a HEIF picture libheif can read (no image in it)'));
  const width = image.get_width();
  const height = image.get_height();
  const data = new Uint8ClampedArray(width * height * 4);
  return new Promise((resolve, reject) => {
    image.display({ data, width, height }, (result) => {
      for (const each of images) each.free();
      if (result) resolve({ width, height, data });
      else reject(new Error('libheif could not decode the picture'));
    });
  });
}

async function answer(request: DecodeRequest): Promise<DecodeAnswer> {
  try {
    const small = shrinkRgba(await decodePrimary(request.bytes), request.maxSide);
    if (isAllDark(small)) return { ok: false, message: 'libheif-js rendered this HEIF as an all-black picture' };
    const encoded = jpeg.encode({ width: small.width, height: small.height, data: small.data }, request.quality);
    return { ok: true, jpeg: new Uint8Array(encoded.data), width: small.width, height: small.height };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on('message', (request: DecodeRequest) => {
  void answer(request).then((result) => parentPort?.postMessage(result, result.ok ? [result.jpeg.buffer as ArrayBuffer] : []));
});
