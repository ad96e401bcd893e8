/** `model/model.json`: the module model (types.ts), which the runtime reads when it loads the module. */
import { bannerText, JSON_BANNER_KEY } from '../core/banner.ts';
import type { Generator } from '../core/generated-file.ts';
import { compactJsonText } from '../core/literal.ts';
import { moduleModel } from './build.ts';
import { MODEL_FILE } from './files.ts';

export const modelGenerator: Generator = {
  description: 'The module model (tables, links, record shapes, list queries, routes) the runtime serves',
  generate(protocol, context) {
    const model = moduleModel(protocol);
    return [
      {
        path: MODEL_FILE,
        contents: compactJsonText({ [JSON_BANNER_KEY]: bannerText(protocol, context), model }),
      },
    ];
  },
};
