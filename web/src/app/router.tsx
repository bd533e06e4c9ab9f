/**
 * A minimal client-side router on the History API: enough for this app's flat list of routes, and a few hundred
 * bytes instead of a routing library.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactElement } from 'react';

export interface Location {
  pathname: string;
  search: string;
  hash: string;
  /** Changes on every navigation. */
  key: number;
}

let seq = 0;
let navigated = false;
const listeners = new Set<() => void>();

function snapshot(): Location {
  return { pathname: window.location.pathname, search: window.location.search, hash: window.location.hash, key: ++seq };
}

let current = snapshot();

function emit() {
  current = snapshot();
  for (const l of listeners) l();
}

window.addEventListener('popstate', () => {
  navigated = true;
  emit();
});

/** Whether the user has moved since the page loaded (focus is moved to the new page's heading only then). */
export function hasNavigated(): boolean {
  return navigated;
}

export function navigate(to: string, opts: { replace?: boolean } = {}) {
  navigated = true;
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  if (!to.includes('#')) window.scrollTo(0, 0);
  emit();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, () => current);
}

export function useQuery(): URLSearchParams {
  const loc = useLocation();
  return new URLSearchParams(loc.search);
}

/** `/thu-tuc/:ref` against `/thu-tuc/birth-registration` → `{ ref: 'birth-registration' }`, else null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) {
      try {
        params[p[i].slice(1)] = decodeURIComponent(s[i]);
      } catch {
        return null;
      }
    } else if (p[i] !== s[i]) return null;
  }
  return params;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An ordinary link (it works with a middle click, a new tab, no script) that navigates in place on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (rest.target && rest.target !== '_self') return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}

export interface RouteDef {
  path: string;
  render(params: Record<string, string>): ReactElement;
}

/** The first route whose pattern matches the current path, or the not-found page. */
export function useRoutes(routes: RouteDef[], notFound: () => ReactElement): ReactElement {
  const loc = useLocation();
  for (const r of routes) {
    const params = matchPath(r.path, loc.pathname);
    if (params) return r.render(params);
  }
  return notFound();
}
