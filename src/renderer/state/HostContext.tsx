/** The PixdropApi and what the host can do, injected once at the root so screens never pick a transport. */
import { createContext, useContext, type ReactNode } from 'react';
import type { PixdropApi } from '../../shared/api';

export interface HostValue {
  api: PixdropApi;
  kind: 'desktop' | 'browser';
  /** Desktop only: the real path of a dropped File. */
  getPathForFile: ((file: File) => string) | null;
}

const HostContext = createContext<HostValue | null>(null);

export function HostProvider(props: { value: HostValue; children: ReactNode }) {
  return <HostContext.Provider value={props.value}>{props.children}</HostContext.Provider>;
}

export function useHost(): HostValue {
  const value = useContext(HostContext);
  if (!value) throw new Error('useHost outside HostProvider');
  return value;
}

export function useApi(): PixdropApi {
  return useHost().api;
}
