/**
 * GeoNature Monitoring protocols ⇄ Suivi specs (docs/geonature.md). The converters are pure over folders
 * held in memory; `importGeoNatureProtocol` and the CLI read and write the disk.
 */
import { folderName, readProtocolFolder } from './folder-io.ts';
import { importGeoNatureFolder } from './import/import-protocol.ts';
import type { ImportResult } from './model.ts';

export { type Equivalence, equivalentSpecs } from './equivalent.ts';
export { ExportError, exportGeoNatureProtocol } from './export/export-protocol.ts';
export { folderName, readProtocolFolder, writeProtocolFolder } from './folder-io.ts';
export { importGeoNatureFolder } from './import/import-protocol.ts';
export type * from './model.ts';
export { formatReport, type Report, type ReportRow, runReport } from './report/run-report.ts';

/** Reads a GeoNature protocol folder from disk and converts it (its name is the module code by default). */
export async function importGeoNatureProtocol(folderPath: string): Promise<ImportResult> {
  return importGeoNatureFolder(await readProtocolFolder(folderPath), folderName(folderPath));
}
