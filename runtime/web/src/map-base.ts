/**
 * Leaflet maps share one base: an OSM tile layer for real use (offline: the tiles the service worker
 * stored), or a plain grey background offline without a service worker or when `localStorage['suivi.tiles'] = 'none'` (tests and machines without network). The tile URL can
 * be changed with `localStorage['suivi.tiles'] = 'https://…/{z}/{x}/{y}.png'`.
 */
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';

const OSM = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

/** The base map's tile URL template (null: no base map). The offline areas store tiles from it too. */
export function tileTemplate(): string | null {
  const setting = localStorage.getItem('suivi.tiles');
  return setting === 'none' ? null : setting || OSM;
}

export function createMap(element: HTMLElement): L.Map {
  const map = L.map(element, { center: [46.6, 2.4], zoom: 5 });
  const template = tileTemplate();
  // Offline, the service worker serves the tiles of the areas taken offline (a blank tile elsewhere).
  if (template && (navigator.onLine || navigator.serviceWorker?.controller)) {
    L.tileLayer(template, { maxZoom: 19, attribution: '© OpenStreetMap' }).addTo(map);
  } else {
    element.style.background = '#dde3de';
  }
  return map;
}

/** Points as circle markers: Leaflet's default icons are images a bundler does not resolve. */
export const pointStyle: L.CircleMarkerOptions = { radius: 7, color: '#2f6b3a', weight: 2, fillOpacity: 0.6 };
