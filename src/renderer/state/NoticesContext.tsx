/**
 * Lets any screen show a short message; engine `notice` events land here too. A notice ends with
 * its cause: one given a `key` is replaced or resolved by that key (the scan's "Looking for
 * photos…" by its answer), one about the connection goes when the engine is online again, and
 * information and warnings expire. Errors stay until dismissed.
 */
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import type { EngineEvent } from '../../shared/api';
import { Notices, type Notice } from '../components/Notices';
import { useEngineEvents } from './useEngineEvents';

export interface NoticeOptions {
  /** Same key, same notice: a later notify replaces it, resolve(key) removes it. */
  key?: string;
}

export interface NoticesApi {
  notify(level: Notice['level'], message: string, options?: NoticeOptions): void;
  resolve(key: string): void;
}

type Notify = NoticesApi['notify'];

const NoticesContext = createContext<NoticesApi | null>(null);
const MAX_NOTICES = 4;
const LIFETIME_MS: Record<Notice['level'], number | null> = { info: 8000, warning: 20_000, error: null };
/** Engine notices whose cause is the connection: they end when it is back. */
const CONNECTION_CODES = new Set(['OFFLINE', 'RATE_LIMITED', 'AUTH']);

export function NoticesProvider(props: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((notice) => notice.id !== id)), []);
  const resolve = useCallback((key: string) => setNotices((list) => list.filter((notice) => notice.key !== key)), []);
  const notify = useCallback<Notify>(
    (level, message, options = {}) => {
      const id = nextId.current++;
      const notice: Notice = { id, level, message, key: options.key };
      setNotices((list) => [...list.filter((n) => !options.key || n.key !== options.key).slice(-(MAX_NOTICES - 1)), notice]);
      const lifetime = LIFETIME_MS[level];
      if (lifetime !== null) setTimeout(() => dismiss(id), lifetime);
    },
    [dismiss],
  );
  useEngineEvents((events) => {
    for (const event of events) {
      if (event.type === 'notice') notify(event.level, event.message, connectionKey(event));
      if (event.type === 'statusChanged' && event.status.connection.state === 'online') for (const code of CONNECTION_CODES) resolve(`connection:${code}`);
    }
  });
  const api = useRef<NoticesApi>({ notify, resolve });
  return (
    <NoticesContext.Provider value={api.current}>
      {props.children}
      <Notices notices={notices} onDismiss={dismiss} />
    </NoticesContext.Provider>
  );
}

function connectionKey(event: Extract<EngineEvent, { type: 'notice' }>): NoticeOptions {
  return event.code && CONNECTION_CODES.has(event.code) ? { key: `connection:${event.code}` } : {};
}

export function useNotices(): NoticesApi {
  const value = useContext(NoticesContext);
  if (!value) throw new Error('useNotices outside NoticesProvider');
  return value;
}

export function useNotify(): Notify {
  return useNotices().notify;
}
