/**
 * Upload notifications (cloudinary-protocol.md §7): the response JSON plus notification_type,
 * signed over the exact body bytes sent. Failures are logged; they never undo the upload.
 */
import { notificationSignature } from '../../engine/cloudinary/sign';
import type { Logger } from '../../engine/types';

export async function sendUploadNotification(o: {
  url: string;
  response: Record<string, unknown>;
  apiSecret: string;
  nowMs: number;
  logger: Logger;
}): Promise<void> {
  const body = JSON.stringify({ notification_type: 'upload', ...o.response });
  const timestamp = String(Math.floor(o.nowMs / 1000));
  try {
    const answer = await fetch(o.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cld-timestamp': timestamp, 'x-cld-signature': notificationSignature(body, timestamp, o.apiSecret) },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    await answer.body?.cancel(); // only the status matters; the answer's size is the receiver's
    if (!answer.ok) o.logger.warn('upload notification refused', { status: answer.status, public_id: o.response.public_id });
  } catch (error) {
    o.logger.warn('upload notification failed', { error: (error as Error).message, public_id: o.response.public_id });
  }
}
