/** The protocol itself: its code names its database schema. */
import { type Diagnostic, error } from '../../diagnostics.ts';
import { protocolCodeReservedReason } from '../../standard/reserved-names.ts';
import { asString, prop } from '../../util/lenient.ts';
import type { CheckContext, SemanticCheck } from './context.ts';

export const protocolChecks: SemanticCheck = {
  name: 'protocol',
  rules: {
    'protocol-code-reserved': 'The protocol code can name a database schema of its own.',
  },
  check({ model }: CheckContext): Diagnostic[] {
    const code = asString(prop(model.raw, 'code'));
    const reason = code === undefined ? undefined : protocolCodeReservedReason(code);
    return reason ? [error('protocol-code-reserved', '/code', `protocol code "${code}" ${reason}`)] : [];
  },
};
