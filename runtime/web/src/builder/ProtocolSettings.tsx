/** The protocol's identity and taxonomic scope (docs/spec.md §2). */
import type { Json } from '../api.ts';
import { useBuilderT } from './builder-i18n.ts';
import { useEditor } from './editor-context.ts';
import { LabelsInput, ListInput, NumberInput, SelectInput, TextInput } from './inputs.tsx';
import { isObject } from './spec-model.ts';

const SCOPES = ['all', 'list', 'group', 'species'] as const;
const RANKS = ['regne', 'phylum', 'classe', 'ordre', 'famille', 'group1_inpn', 'group2_inpn'];

export function ProtocolSettings() {
  const b = useBuilderT();
  const { spec, set } = useEditor();
  const taxonomy: Json = isObject(spec.taxonomy) ? spec.taxonomy : { scope: 'all' };
  const scope = String(taxonomy.scope ?? 'all');
  return (
    <section className="b-settings" aria-labelledby="b-settings-title">
      <h3 id="b-settings-title">{b('settings')}</h3>
      <div className="b-grid">
        <TextInput
          name="code"
          label={b('code')}
          hint={b('codeHint')}
          value={spec.code}
          onValue={(v) => set(['code'], v ?? '')}
        />
        <NumberInput
          name="version"
          label={b('version')}
          value={spec.version}
          onValue={(v) => set(['version'], v)}
        />
      </div>
      <LabelsInput
        name="protocol_label"
        labels={[b('labelFr'), b('labelEn')]}
        value={spec.label}
        onValue={(v) => set(['label'], v ?? { fr: '' })}
      />
      <LabelsInput
        name="description"
        labels={[b('descriptionFr'), b('descriptionEn')]}
        value={spec.description}
        onValue={(v) => set(['description'], v)}
        multiline
      />
      <fieldset>
        <legend>{b('taxonomy')}</legend>
        <SelectInput
          name="taxonomy_scope"
          label={b('scope')}
          value={scope}
          options={SCOPES.map((s) => ({ value: s, label: b(`scope_${s}`) }))}
          onValue={(v) => set(['taxonomy'], { scope: v ?? 'all' })}
        />
        {scope === 'list' ? (
          <ListInput
            name="taxa"
            numbers
            label={b('taxaList')}
            value={taxonomy.taxa}
            onValue={(v) => set(['taxonomy', 'taxa'], v ?? [])}
          />
        ) : null}
        {scope === 'group' ? (
          <div className="b-grid">
            <SelectInput
              name="rank"
              label={b('rank')}
              value={taxonomy.rank}
              options={RANKS.map((r) => ({ value: r, label: r }))}
              onValue={(v) => set(['taxonomy', 'rank'], v)}
            />
            <TextInput
              name="group_name"
              label={b('groupName')}
              value={taxonomy.name}
              onValue={(v) => set(['taxonomy', 'name'], v)}
            />
          </div>
        ) : null}
        {scope === 'species' ? (
          <NumberInput
            name="taxon"
            label="cd_nom"
            value={taxonomy.taxon}
            onValue={(v) => set(['taxonomy', 'taxon'], v)}
          />
        ) : null}
      </fieldset>
    </section>
  );
}
