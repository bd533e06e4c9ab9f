/** E-form builder: sections and fields (labels vi/en, widget, required, options, order) with a live preview. */
import { useMemo, useState } from 'react';
import { parseDefinition } from '@shared/eform/eform.definition';
import type { EFormDefinition, EFormOption, EFormWidget } from '@shared/eform/eform.types';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/vi';
import { EFormFields } from '../eform/EFormFields';
import type { FormData } from '../eform/model';
import { RepeatItemsEditor, RuleEditor, BindingEditor, LimitsEditor } from './BuilderParts';
import { BUILDER_WIDGETS, addField, addRepeatGroup, addSection, isRequired, moveFieldTo, moveField, moveFieldToSection, moveSection, removeField, removeSection, renameField, setOptions, setRequired, setWidget, updateSection, updateUi } from './builder';

const WIDGET_KEYS: Record<EFormWidget, MessageKey> = {
  text: 'widget.text',
  textarea: 'widget.textarea',
  number: 'widget.number',
  date: 'widget.date',
  select: 'widget.select',
  radio: 'widget.radio',
  checkbox: 'widget.checkbox',
  adminUnit: 'widget.adminUnit',
  personalId: 'widget.personalId',
  enterpriseCode: 'widget.enterpriseCode',
  phone: 'widget.phone',
  email: 'widget.email',
  repeat: 'widget.repeat',
};

function OptionsEditor({ idBase, options, onChange, readOnly }: { idBase: string; options: EFormOption[]; onChange(o: EFormOption[]): void; readOnly: boolean }) {
  const { t } = useI18n();
  const textValues = options.every((o) => typeof o.value === 'string');
  return (
    <fieldset className="fieldset-box">
      <legend>{t('builder.options')}</legend>
      {options.map((o, i) => (
        <div key={i} className="builder__field">
          <div className="two-cols">
            <div>
              <label htmlFor={`${idBase}-opt-${i}-vi`}>{t('builder.optionVi', { n: i + 1 })}</label>
              <input id={`${idBase}-opt-${i}-vi`} type="text" value={o.label.vi} readOnly={readOnly} onChange={(e) => onChange(options.map((x, j) => (j === i ? { ...x, label: { ...x.label, vi: e.target.value } } : x)))} />
            </div>
            <div>
              <label htmlFor={`${idBase}-opt-${i}-en`}>{t('builder.optionEn', { n: i + 1 })}</label>
              <input id={`${idBase}-opt-${i}-en`} type="text" lang="en" value={o.label.en} readOnly={readOnly} onChange={(e) => onChange(options.map((x, j) => (j === i ? { ...x, label: { ...x.label, en: e.target.value } } : x)))} />
            </div>
          </div>
          <label htmlFor={`${idBase}-opt-${i}-value`}>{t('builder.optionValue', { n: i + 1 })}</label>
          <input
            id={`${idBase}-opt-${i}-value`}
            type="text"
            className="input--w20"
            value={String(o.value)}
            readOnly={readOnly || !textValues}
            spellCheck={false}
            onChange={(e) => onChange(options.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
          />
          {!readOnly && options.length > 1 ? (
            <div className="builder__toolbar">
              <button type="button" className="button button--secondary" onClick={() => onChange(options.filter((_, j) => j !== i))}>
                {t('builder.removeOption', { n: i + 1 })}
              </button>
            </div>
          ) : null}
        </div>
      ))}
      {!readOnly && textValues ? (
        <button type="button" className="button button--secondary" onClick={() => onChange([...options, { value: `option${options.length + 1}`, label: { vi: `Lựa chọn ${options.length + 1}`, en: `Option ${options.length + 1}` } }])}>
          {t('builder.addOption')}
        </button>
      ) : null}
    </fieldset>
  );
}

export function FormBuilder({ def, onChange, readOnly, onUseAsSample }: { def: EFormDefinition; onChange(d: EFormDefinition): void; readOnly: boolean; onUseAsSample(data: FormData): void }) {
  const { t, pick, lang } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  const [previewSection, setPreviewSection] = useState(def.ui.sections[0]?.id ?? '');
  const [previewData, setPreviewData] = useState<FormData>({});
  const [status, setStatus] = useState('');
  const [dragged, setDragged] = useState<string | null>(null);
  const [phone, setPhone] = useState(false);
  const parsed = useMemo(() => parseDefinition(def), [def]);
  const section = def.ui.sections.find((s) => s.id === previewSection) ?? def.ui.sections[0];

  const announce = (msg: string) => setStatus(msg);
  const focusLater = (id: string) => window.setTimeout(() => document.getElementById(id)?.focus(), 0);

  return (
    <div className="builder">
      <div>
        <h2>{t('builder.title')}</h2>
        <div role="status" aria-live="polite" className="visually-hidden">
          {status}
        </div>
        {def.ui.sections.map((s, si) => (
          <section key={s.id} className="fieldset-box" aria-labelledby={`sec-${s.id}-title`}>
            <h3 id={`sec-${s.id}-title`}>{t('builder.section', { n: si + 1, title: pick(s.title) })}</h3>
            <div className="two-cols">
              <div className="form-group">
                <label htmlFor={`sec-${s.id}-vi`}>{t('builder.sectionTitleVi')}</label>
                <input id={`sec-${s.id}-vi`} type="text" value={s.title.vi} readOnly={readOnly} onChange={(e) => onChange(updateSection(def, s.id, { ...s.title, vi: e.target.value }))} />
              </div>
              <div className="form-group">
                <label htmlFor={`sec-${s.id}-en`}>{t('builder.sectionTitleEn')}</label>
                <input id={`sec-${s.id}-en`} type="text" lang="en" value={s.title.en} readOnly={readOnly} onChange={(e) => onChange(updateSection(def, s.id, { ...s.title, en: e.target.value }))} />
              </div>
            </div>
            {!readOnly ? (
              <div className="builder__toolbar">
                <button type="button" className="button button--secondary" disabled={si === 0} onClick={() => onChange(moveSection(def, s.id, -1))}>
                  {t('builder.sectionUp')}
                  <span className="visually-hidden"> {pick(s.title)}</span>
                </button>
                <button type="button" className="button button--secondary" disabled={si === def.ui.sections.length - 1} onClick={() => onChange(moveSection(def, s.id, 1))}>
                  {t('builder.sectionDown')}
                  <span className="visually-hidden"> {pick(s.title)}</span>
                </button>
                {s.fields.length === 0 ? (
                  <button type="button" className="button button--warning" onClick={() => onChange(removeSection(def, s.id))}>
                    {t('builder.removeSection')}
                    <span className="visually-hidden"> {pick(s.title)}</span>
                  </button>
                ) : null}
              </div>
            ) : null}
            <ol className="card-list">
              {s.fields.map((name, fi) => {
                const ui = def.ui.fields[name];
                if (!ui) return null;
                const widget = ui.widget ?? 'text';
                const isOpen = open === name;
                const idBase = `fld-${name}`;
                const repeat = widget === 'repeat' || !!ui.itemFields;
                return (
                  <li
                    key={name}
                    className="builder__field"
                    aria-current={isOpen ? 'true' : undefined}
                    draggable={!readOnly}
                    onDragStart={() => setDragged(name)}
                    onDragOver={(e) => dragged && e.preventDefault()}
                    onDrop={(e) => {
                      e.preventDefault();
                      if (dragged && dragged !== name && s.fields.includes(dragged)) {
                        onChange(moveFieldTo(def, s.id, dragged, fi));
                        announce(t('builder.moved', { field: pick(def.ui.fields[dragged].label) }));
                      }
                      setDragged(null);
                    }}
                  >
                    <strong>{pick(ui.label) || name}</strong>{' '}
                    <span className="secondary-text">
                      ({t(WIDGET_KEYS[widget] ?? 'widget.text')}
                      {isRequired(def, name) ? `, ${t('builder.required')}` : ''}
                      {ui.visibleIf ? `, ${t('builder.conditional')}` : ''})
                    </span>
                    <div className="builder__toolbar">
                      <button type="button" className="button button--secondary" aria-expanded={isOpen} aria-controls={`${idBase}-panel`} onClick={() => setOpen(isOpen ? null : name)}>
                        {isOpen ? t('builder.close') : readOnly ? t('admin.view') : t('builder.edit')}
                        <span className="visually-hidden"> {pick(ui.label)}</span>
                      </button>
                      {!readOnly ? (
                        <>
                          <button
                            type="button"
                            className="button button--secondary"
                            disabled={fi === 0 && si === 0}
                            onClick={() => {
                              onChange(fi === 0 ? moveFieldToSection(def, s.id, name, -1) : moveField(def, s.id, name, -1));
                              announce(t('builder.moved', { field: pick(ui.label) }));
                            }}
                          >
                            {t('builder.up')}
                            <span className="visually-hidden"> {pick(ui.label)}</span>
                          </button>
                          <button
                            type="button"
                            className="button button--secondary"
                            disabled={fi === s.fields.length - 1 && si === def.ui.sections.length - 1}
                            onClick={() => {
                              onChange(fi === s.fields.length - 1 ? moveFieldToSection(def, s.id, name, 1) : moveField(def, s.id, name, 1));
                              announce(t('builder.moved', { field: pick(ui.label) }));
                            }}
                          >
                            {t('builder.down')}
                            <span className="visually-hidden"> {pick(ui.label)}</span>
                          </button>
                          <button
                            type="button"
                            className="button button--warning"
                            onClick={() => {
                              onChange(removeField(def, name));
                              announce(t('builder.removed', { field: pick(ui.label) }));
                            }}
                          >
                            {t('builder.remove')}
                            <span className="visually-hidden"> {pick(ui.label)}</span>
                          </button>
                        </>
                      ) : null}
                    </div>
                    {isOpen ? (
                      <div id={`${idBase}-panel`}>
                        <div className="two-cols">
                          <div className="form-group">
                            <label htmlFor={`${idBase}-vi`}>{t('builder.labelVi')}</label>
                            <input id={`${idBase}-vi`} type="text" value={ui.label.vi} readOnly={readOnly} onChange={(e) => onChange(updateUi(def, name, { label: { ...ui.label, vi: e.target.value } }))} />
                          </div>
                          <div className="form-group">
                            <label htmlFor={`${idBase}-en`}>{t('builder.labelEn')}</label>
                            <input id={`${idBase}-en`} type="text" lang="en" value={ui.label.en} readOnly={readOnly} onChange={(e) => onChange(updateUi(def, name, { label: { ...ui.label, en: e.target.value } }))} />
                          </div>
                          <div className="form-group">
                            <label htmlFor={`${idBase}-help-vi`}>{t('builder.helpVi')}</label>
                            <input
                              id={`${idBase}-help-vi`}
                              type="text"
                              value={ui.help?.vi ?? ''}
                              readOnly={readOnly}
                              onChange={(e) => onChange(updateUi(def, name, { help: e.target.value || ui.help?.en ? { vi: e.target.value, en: ui.help?.en ?? '' } : undefined }))}
                            />
                          </div>
                          <div className="form-group">
                            <label htmlFor={`${idBase}-help-en`}>{t('builder.helpEn')}</label>
                            <input
                              id={`${idBase}-help-en`}
                              type="text"
                              lang="en"
                              value={ui.help?.en ?? ''}
                              readOnly={readOnly}
                              onChange={(e) => onChange(updateUi(def, name, { help: e.target.value || ui.help?.vi ? { vi: ui.help?.vi ?? '', en: e.target.value } : undefined }))}
                            />
                          </div>
                        </div>
                        <div className="form-group">
                          <label htmlFor={`${idBase}-name`}>{t('builder.name')}</label>
                          <span className="hint" id={`${idBase}-name-hint`}>
                            {t('builder.nameHint')}
                          </span>
                          <input
                            id={`${idBase}-name`}
                            type="text"
                            className="input--w20"
                            spellCheck={false}
                            defaultValue={name}
                            readOnly={readOnly}
                            aria-describedby={`${idBase}-name-hint`}
                            onBlur={(e) => {
                              const to = e.target.value.trim();
                              if (to && to !== name && /^[A-Za-z_][A-Za-z0-9_]*$/.test(to) && !def.schema.properties[to]) {
                                onChange(renameField(def, name, to));
                                setOpen(to);
                                focusLater(`fld-${to}-name`);
                              } else e.target.value = name;
                            }}
                          />
                        </div>
                        {repeat ? (
                          <RepeatItemsEditor def={def} group={name} readOnly={readOnly} onChange={onChange} announce={announce} />
                        ) : (
                          <div className="form-group">
                            <label htmlFor={`${idBase}-widget`}>{t('builder.widget')}</label>
                            <select id={`${idBase}-widget`} value={widget} disabled={readOnly} onChange={(e) => onChange(setWidget(def, name, e.target.value as EFormWidget))}>
                              {BUILDER_WIDGETS.map((w) => (
                                <option key={w} value={w}>
                                  {t(WIDGET_KEYS[w])}
                                </option>
                              ))}
                            </select>
                          </div>
                        )}
                        <div className="form-group">
                          <div className="choice">
                            <input id={`${idBase}-required`} type="checkbox" checked={isRequired(def, name)} disabled={readOnly} onChange={(e) => onChange(setRequired(def, name, e.target.checked))} />
                            <label htmlFor={`${idBase}-required`}>{t('builder.requiredLabel')}</label>
                          </div>
                        </div>
                        {(widget === 'select' || widget === 'radio' || (widget === 'checkbox' && ui.options)) && ui.options ? (
                          <OptionsEditor idBase={idBase} options={ui.options} readOnly={readOnly} onChange={(o) => onChange(setOptions(def, name, o))} />
                        ) : null}
                        <LimitsEditor def={def} name={name} readOnly={readOnly} onChange={onChange} />
                        <RuleEditor def={def} name={name} readOnly={readOnly} onChange={onChange} />
                        {!repeat ? <BindingEditor def={def} name={name} readOnly={readOnly} onChange={onChange} /> : null}
                      </div>
                    ) : null}
                  </li>
                );
              })}
            </ol>
            {!readOnly ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  const r = addField(def, s.id);
                  onChange(r.def);
                  setOpen(r.name);
                  announce(t('builder.added'));
                  focusLater(`fld-${r.name}-vi`);
                }}
              >
                {t('builder.addField')}
                <span className="visually-hidden"> — {pick(s.title)}</span>
              </button>
            ) : null}
            {!readOnly ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  const r = addRepeatGroup(def, s.id);
                  onChange(r.def);
                  setOpen(r.name);
                  announce(t('builder.added'));
                  focusLater(`fld-${r.name}-vi`);
                }}
              >
                {t('pb.addGroup')}
                <span className="visually-hidden"> — {pick(s.title)}</span>
              </button>
            ) : null}
          </section>
        ))}
        {!readOnly ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              const r = addSection(def);
              onChange(r.def);
              focusLater(`sec-${r.id}-vi`);
            }}
          >
            {t('builder.addSection')}
          </button>
        ) : null}
      </div>

      <div>
        <h2>{t('builder.preview')}</h2>
        <div className="choice">
          <input id="preview-phone" type="checkbox" checked={phone} onChange={(e) => setPhone(e.target.checked)} />
          <label htmlFor="preview-phone">{t('pb.previewPhone')}</label>
        </div>
        {parsed.ok ? (
          <div className="preview" data-width={phone ? 'phone' : 'desktop'} style={phone ? { maxWidth: 375, border: '2px solid #505a5f', padding: 8 } : undefined}>
            <div className="form-group">
              <label htmlFor="preview-section">{t('builder.previewSection')}</label>
              <select id="preview-section" value={section?.id ?? ''} onChange={(e) => setPreviewSection(e.target.value)}>
                {def.ui.sections.map((s) => (
                  <option key={s.id} value={s.id}>
                    {pick(s.title)}
                  </option>
                ))}
              </select>
            </div>
            {section ? (
              <>
                <h3>{pick(section.title)}</h3>
                <EFormFields def={parsed.definition} fields={section.fields} data={previewData} onChange={setPreviewData} />
              </>
            ) : null}
            {!readOnly ? (
              <button type="button" className="button button--secondary" onClick={() => onUseAsSample(previewData)}>
                {t('builder.useAsSample')}
              </button>
            ) : null}
          </div>
        ) : (
          <div className="notice notice--warning" role="status">
            <p>
              <strong>{t('builder.problems', { n: parsed.problems.length })}</strong>
            </p>
            <ul>
              {parsed.problems.map((p, i) => (
                <li key={i}>
                  <code>{p.path}</code>: {p.message[lang]}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </div>
  );
}
