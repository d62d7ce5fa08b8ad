import { useSyncExternalStore } from 'react';

export const STEPS = ['setup', 'nominations', 'panel', 'scoring', 'results', 'meeting'] as const;
export type Step = (typeof STEPS)[number];

export type Route =
  | { readonly page: 'home' }
  | { readonly page: 'new' }
  | { readonly page: 'step'; readonly campaignId: string; readonly step: Step };

/** `#/`, `#/new`, `#/campaigns/<id>/<step>`: routing of our own, on the hash (works from file:// and http). */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  if (parts[0] === 'new') return { page: 'new' };
  if (parts[0] === 'campaigns' && parts[1]) {
    const step = (STEPS as readonly string[]).includes(parts[2] ?? '') ? (parts[2] as Step) : 'setup';
    return { page: 'step', campaignId: parts[1], step };
  }
  return { page: 'home' };
}

export function href(route: Route): string {
  switch (route.page) {
    case 'home': return '#/';
    case 'new': return '#/new';
    case 'step': return `#/campaigns/${encodeURIComponent(route.campaignId)}/${route.step}`;
  }
}

export function navigate(route: Route): void {
  const next = href(route);
  if (window.location.hash !== next) window.location.hash = next;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

let lastHash = '';
let lastRoute: Route = { page: 'home' };
function snapshot(): Route {
  const h = window.location.hash;
  if (h !== lastHash) {
    lastHash = h;
    lastRoute = parseRoute(h);
  }
  return lastRoute;
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}
