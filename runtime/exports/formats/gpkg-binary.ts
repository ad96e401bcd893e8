/**
 * A GeoPackage geometry blob (OGC 12-128r18, §2.1.3): the `GP` header (magic, version 0, flags, the
 * SRS id, an envelope) followed by the geometry's standard WKB, which PostGIS gives (`ST_AsBinary(g,
 * 'NDR')`: ISO WKB, little-endian). Flags: bit 0 little-endian, bits 1–3 the envelope kind (1: minx,
 * maxx, miny, maxy), bit 4 an empty geometry.
 */

export type Envelope = readonly [number, number, number, number];

export function gpkgGeometry(wkb: Uint8Array, srid: number, envelope: Envelope | null): Uint8Array {
  const headerLength = 8 + (envelope ? 32 : 0);
  const out = new Uint8Array(headerLength + wkb.length);
  const view = new DataView(out.buffer);
  out[0] = 0x47; // G
  out[1] = 0x50; // P
  out[2] = 0; // version 1.0 of the blob format
  out[3] = envelope ? 0b0000_0011 : 0b0001_0001;
  view.setInt32(4, srid, true);
  envelope?.forEach((value, i) => {
    view.setFloat64(8 + i * 8, value, true);
  });
  out.set(wkb, headerLength);
  return out;
}
