/** The engine behind `pixdrop serve`, asked directly (as the page does: POST /api/<method> with the session token), to check what the screens say. */
import type { ServeProcess } from './serve';

export async function callApi<T>(serve: ServeProcess, method: string, args: unknown[] = []): Promise<T> {
  const response = await fetch(new URL(`/api/${method}`, new URL(serve.url).origin), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${sessionToken(serve)}` },
    body: JSON.stringify({ args }),
  });
  const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${method} failed: ${result.error?.message}`);
  return result.value as T;
}

export function sessionToken(serve: ServeProcess): string {
  return new URL(serve.url).hash.replace(/^#token=/, '');
}
