import { readFile } from 'node:fs/promises';
import { loadJsonText } from '../../protocol-specs/index.ts';
import { ExportError, exportGeoNatureProtocol, writeProtocolFolder } from '../geonature/index.ts';

interface Output {
  write(text: string): unknown;
}

export interface ExportGnOptions {
  readonly out: string;
  readonly stdout: Output;
  readonly stderr: Output;
}

/** `suivi export-gn <spec> --out <folder>`: a GeoNature Monitoring protocol folder from a spec. */
export async function exportGnCommand(specFile: string, options: ExportGnOptions): Promise<number> {
  const text = await readFile(specFile, 'utf8').catch(() => undefined);
  const loaded = text === undefined ? undefined : loadJsonText(text);
  if (loaded?.value === undefined) {
    options.stderr.write(`${specFile}: cannot read a JSON spec (npx suivi validate ${specFile})\n`);
    return 1;
  }
  try {
    const { folder, warnings } = exportGeoNatureProtocol(loaded.value);
    await writeProtocolFolder(options.out, folder);
    for (const w of warnings) options.stderr.write(`warning: ${w}\n`);
    options.stdout.write(`${options.out}: ${Object.keys(folder).length} files written\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof ExportError)) throw e;
    options.stderr.write(`${specFile}: ${e.message} (npx suivi validate ${specFile})\n`);
    return 1;
  }
}
