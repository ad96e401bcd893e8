/**
 * Leaflet maps share one base: an OSM tile layer for real use, or a plain grey background when offline
 * or when `localStorage['suivi.tiles'] = 'none'` (tests and machines without network). The tile URL can
 * be changed with `localStorage['suivi.tiles'] = 'https://…/{z}/{x}/{y}.png'`.
 */
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';

const OSM = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

export function createMap(element: HTMLElement): L.Map {
  const map = L.map(element, { center: [46.6, 2.4], zoom: 5 });
  const setting = localStorage.getItem('suivi.tiles');
  if (setting !== 'none' && navigator.onLine) {
    L.tileLayer(setting || OSM, { maxZoom: 19, attribution: '© OpenStreetMap' }).addTo(map);
  } else {
    element.style.background = '#dde3de';
  }
  return map;
}

/** Points as circle markers: Leaflet's default icons are images a bundler does not resolve. */
export const pointStyle: L.CircleMarkerOptions = { radius: 7, color: '#2f6b3a', weight: 2, fillOpacity: 0.6 };
