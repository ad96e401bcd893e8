/**
 * GeoJSON (RFC 7946): a FeatureCollection in WGS 84, one feature per record, its export columns as
 * properties (named by column, whatever the header language: properties are identifiers), streamed
 * feature by feature. A level without a geometry gives features with a null geometry.
 */
import type { ExportColumn } from '../export-columns.ts';
import type { ExportRow } from '../export-rows.ts';
import type { Sink } from '../sink.ts';

export async function writeGeoJson(
  sink: Sink,
  columns: readonly ExportColumn[],
  batches: AsyncIterable<readonly ExportRow[]>,
  progress: (rows: number) => Promise<void> | void = () => {},
): Promise<number> {
  await sink.write('{"type":"FeatureCollection","features":[');
  let count = 0;
  for await (const batch of batches) {
    const text = batch
      .map((row, i) => {
        const properties: Record<string, unknown> = {};
        columns.forEach((c, j) => {
          properties[c.name] = row.values[j];
        });
        const geometry = typeof row.geometry === 'string' ? row.geometry : 'null';
        const feature = `{"type":"Feature","id":${JSON.stringify(row.id)},"geometry":${geometry},"properties":${JSON.stringify(properties)}}`;
        return count + i === 0 ? feature : `,${feature}`;
      })
      .join('');
    await sink.write(text);
    count += batch.length;
    await progress(count);
  }
  await sink.write(']}');
  return count;
}
