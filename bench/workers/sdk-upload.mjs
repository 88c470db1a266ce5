/**
 * The reference uploader: the official `cloudinary` SDK uploading the same files with the same
 * number of parallel workers: `upload` below the chunk size, `upload_large` above it.
 * Input (env BENCH_SDK_JOB, JSON): { files: [{ path, size }], concurrency, chunkSize, tags }.
 * CLOUDINARY_URL (with upload_prefix) must be in the environment before the SDK loads: it picks
 * http or https once, when it is first imported.
 */
const job = JSON.parse(process.env.BENCH_SDK_JOB);
const { v2: cloudinary } = await import('cloudinary');

const params = (file) => ({
  // What PixDrop sends for each photo, so the server does the same work for both.
  type: 'authenticated',
  tags: job.tags,
  faces: true,
  colors: true,
  image_metadata: true,
  phash: true,
  public_id: `bench-sdk/${file.path
    .split('/')
    .pop()
    .replace(/\.[^.]+$/, '')}`,
  resource_type: 'image',
});

function uploadOne(file) {
  return new Promise((resolve, reject) => {
    const done = (error, result) => (error ? reject(new Error(`${file.path}: ${error.message ?? JSON.stringify(error)}`)) : resolve(result));
    if (file.size > job.chunkSize) cloudinary.uploader.upload_large(file.path, { ...params(file), chunk_size: job.chunkSize }, done);
    else cloudinary.uploader.upload(file.path, params(file), done);
  });
}

const queue = [...job.files];
let bytes = 0;
async function worker() {
  for (let file = queue.shift(); file; file = queue.shift()) {
    const result = await uploadOne(file);
    if (result.bytes !== file.size) throw new Error(`${file.path}: server stored ${result.bytes} bytes, expected ${file.size}`);
    bytes += file.size;
  }
}
await Promise.all(Array.from({ length: job.concurrency }, worker));
console.log(JSON.stringify({ files: job.files.length, bytes }));
