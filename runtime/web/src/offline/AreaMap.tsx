/** The map of the "take offline" page: its current view is the area taken (reported on each move). */
import { useEffect, useRef } from 'react';
import { createMap } from '../map-base.ts';
import type { Bbox } from './tiles.ts';

export function AreaMap(props: { label: string; onView: (bbox: Bbox, zoom: number) => void }) {
  const element = useRef<HTMLDivElement>(null);
  const onView = useRef(props.onView);
  onView.current = props.onView;
  useEffect(() => {
    if (!element.current) return;
    const map = createMap(element.current);
    const report = () => {
      const b = map.getBounds();
      const round = (n: number) => Number(n.toFixed(5));
      onView.current(
        [round(b.getWest()), round(b.getSouth()), round(b.getEast()), round(b.getNorth())],
        map.getZoom(),
      );
    };
    map.on('moveend', report);
    report();
    return () => {
      map.remove();
    };
  }, []);
  return <section ref={element} className="map area-map" aria-label={props.label} data-testid="area-map" />;
}
