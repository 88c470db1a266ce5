/**
 * The physical reference: every byte of the given files in one plain HTTP POST to a sink that
 * only counts them. Args: <url> <file...>
 */
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';

const [url, ...files] = process.argv.slice(2);
const total = files.reduce((n, f) => n + statSync(f).size, 0);
const req = http.request(url, { method: 'POST', headers: { 'content-length': total, 'content-type': 'application/octet-stream' } });
const answer = new Promise((resolve, reject) => {
  req.on('response', (res) => {
    let text = '';
    res.on('data', (d) => (text += d)).on('end', () => resolve(JSON.parse(text)));
  });
  req.on('error', reject);
});
for (const file of files) {
  for await (const piece of createReadStream(file, { highWaterMark: 1 << 20 })) {
    if (!req.write(piece)) await new Promise((r) => req.once('drain', r));
  }
}
req.end();
const { received } = await answer;
if (received !== total) throw new Error(`sink received ${received} of ${total} bytes`);
console.log(JSON.stringify({ bytes: total }));
