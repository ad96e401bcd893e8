import { describe, expect, it } from 'vitest';
import { EXAMPLE_CODES, exampleProtocol } from '../../test/helpers/examples.ts';
import { irGenerator } from './index.ts';

describe.each(EXAMPLE_CODES)('ir generator (%s)', (code) => {
  it('round-trips the resolved protocol through JSON unchanged', async () => {
    const protocol = exampleProtocol(code);
    const [file] = await irGenerator.generate(protocol, { specPath: `examples/${code}/protocol.json` });
    expect(JSON.parse(file!.contents).protocol).toEqual(JSON.parse(JSON.stringify(protocol)));
    expect(JSON.parse(file!.contents).protocol).toEqual(protocol);
  });
});
