/**
 * The resolved protocol itself, as JSON: the runtime loads a module from its folder (this file, the
 * forms, the SQL) without re-reading or re-validating the authored spec on each start or request.
 */
import { bannerText, JSON_BANNER_KEY, jsonText } from '../core/banner.ts';
import type { Generator } from '../core/generated-file.ts';

export const IR_FILE = 'protocol.resolved.json';
/** The authored spec as its author wrote it, byte for byte (suivi.module_version.spec). */
export const SPEC_FILE = 'protocol.spec.json';

export const irGenerator: Generator = {
  description: 'The resolved protocol (IR) as JSON, for the runtime',
  generate(protocol, context) {
    const ir = {
      path: IR_FILE,
      contents: jsonText({ [JSON_BANNER_KEY]: bannerText(protocol, context), protocol }),
    };
    if (context.specText === undefined) return [ir];
    const spec = context.specText.endsWith('\n') ? context.specText : `${context.specText}\n`;
    return [ir, { path: SPEC_FILE, contents: spec }];
  },
};
