/** Lets any screen show a short message; engine `notice` events land here too. */
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import { Notices, type Notice } from '../components/Notices';
import { useEngineEvents } from './useEngineEvents';

type Notify = (level: Notice['level'], message: string) => void;

const NoticesContext = createContext<Notify | null>(null);
const MAX_NOTICES = 4;
const INFO_LIFETIME_MS = 8000;

export function NoticesProvider(props: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((notice) => notice.id !== id)), []);
  const notify = useCallback<Notify>(
    (level, message) => {
      const id = nextId.current++;
      setNotices((list) => [...list.slice(-(MAX_NOTICES - 1)), { id, level, message }]);
      if (level === 'info') setTimeout(() => dismiss(id), INFO_LIFETIME_MS);
    },
    [dismiss],
  );
  useEngineEvents((events) => {
    for (const event of events) if (event.type === 'notice') notify(event.level, event.message);
  });
  return (
    <NoticesContext.Provider value={notify}>
      {props.children}
      <Notices notices={notices} onDismiss={dismiss} />
    </NoticesContext.Provider>
  );
}

export function useNotify(): Notify {
  const notify = useContext(NoticesContext);
  if (!notify) throw new Error('useNotify outside NoticesProvider');
  return notify;
}
