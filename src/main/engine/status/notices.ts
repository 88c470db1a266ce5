/** What the connection's changes tell the person: one notice per refused token and per rate-limit pause. */
import type { ConnectionState, EngineEvent } from '../../../shared/api';
import type { Clock } from '../types';

export function connectionNotices(o: { clock: Clock; emit(event: EngineEvent): void; backOnline(): void }): (state: ConnectionState) => void {
  let last: ConnectionState['state'] = 'online';
  return (state) => {
    if (state.state === 'auth-required') o.emit({ type: 'notice', level: 'error', code: 'AUTH', message: state.message });
    // Once per pause (a longer Retry-After only moves its end), so the CLI and the UI can say why nothing moves.
    if (state.state === 'rate-limited' && last !== 'rate-limited') {
      const seconds = Math.max(1, Math.round((state.until - o.clock.now()) / 1000));
      o.emit({
        type: 'notice',
        level: 'warning',
        code: 'RATE_LIMITED',
        message: `The upload server asked PixDrop to slow down: uploads pause for ${seconds} s and resume by themselves.`,
      });
    }
    if (state.state === 'online' && last !== 'online') o.backOnline();
    last = state.state;
  };
}
