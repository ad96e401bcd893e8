/** What every builder route reads: the app's database and live registry, and the builder's folders. */
import type { AppPluginContext } from '../../runtime/server/app-plugin.ts';

export interface BuilderOptions {
  /** Where published modules are generated: `<dir>/<code>/protocol.json` and `<dir>/<code>/generated/`. */
  readonly modulesDir: string;
  /** The example protocols a draft may start from (`<root>/<name>/protocol.json`). */
  readonly examplesRoot: string;
}

export interface BuilderContext extends AppPluginContext, BuilderOptions {}
