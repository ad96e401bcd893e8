/** `suivi install <folder...>`: installs generated module folders, each in one transaction. */
import { installModule } from '../../runtime/modules/install.ts';
import { type DatabaseCommandOptions, withDatabase } from './database-command.ts';

export function installCommand(folders: readonly string[], options: DatabaseCommandOptions): Promise<number> {
  return withDatabase(options, async (db) => {
    for (const folder of folders) {
      const result = await installModule(db, folder);
      options.stdout.write(`${result.code} v${result.version}: ${result.status}\n`);
    }
  });
}
