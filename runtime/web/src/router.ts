/** A tiny history router: the app has a handful of routes, not worth a dependency. */
import { useEffect, useState } from 'react';

export function navigate(to: string): void {
  history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useLocation(): URL {
  const [href, setHref] = useState(location.href);
  useEffect(() => {
    const update = () => setHref(location.href);
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return new URL(href);
}

/** Same-app links without a reload; modified clicks keep the browser's behaviour (new tab…). */
export function onLink(
  event: { preventDefault(): void; button: number; metaKey: boolean; ctrlKey: boolean },
  to: string,
) {
  if (event.button !== 0 || event.metaKey || event.ctrlKey) return;
  event.preventDefault();
  navigate(to);
}
