import { createContext, useContext, useId, useState, type ReactNode } from 'react';
import { emptyValue, formatScalar, parseScalar, pathKey, variantIndex, type FieldModel, type FormField } from './form-model';

type Path = (string | number)[];

/** What every editor of one node's form shares. */
export interface FormContextValue {
  errors: Map<string, string>;
  /** Node names an input may be: not the node itself, nothing downstream of it. */
  inputChoices: string[];
  /** What an optional field's "(default)" means, where the form knows (a file's format from its extension). */
  defaults: Map<string, string>;
  change(path: Path, value: unknown): void;
}

export const FormContext = createContext<FormContextValue | null>(null);

function useForm(): FormContextValue {
  const form = useContext(FormContext);
  if (!form) throw new Error('field editors are used inside a node form');
  return form;
}

const testId = (path: Path) => `field-${pathKey(path)}`;
// One form is on screen at a time, so a path names one element.
const itemErrorId = (path: Path) => `node-form-error-${pathKey(path)}`;

/** One labelled field with the schema's message for it, if any. */
export function FieldRow({ field, path, value }: { field: FormField; path: Path; value: unknown }) {
  const { errors } = useForm();
  const id = useId();
  const error = errors.get(pathKey(path));
  const grouped = field.model.kind === 'list' || field.model.kind === 'object' || field.model.kind === 'record' || (field.model.kind === 'inputs' && field.model.max !== 1);
  const label = (
    <>
      {field.label}
      {field.required && <span className="node-form__required" aria-hidden="true"> *</span>}
    </>
  );
  const message = error ? (
    <span id={`${id}-error`} className="node-form__error" role="alert" data-testid={`${testId(path)}-error`}>
      {error}
    </span>
  ) : null;
  if (grouped) {
    return (
      <fieldset className="node-form__group" data-testid={testId(path)} aria-describedby={error ? `${id}-error` : undefined}>
        <legend className="field__label">{label}</legend>
        <ValueEditor model={field.model} path={path} value={value} required={field.required} label={field.label} />
        {message}
      </fieldset>
    );
  }
  return (
    <div className="node-form__field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <ValueEditor model={field.model} path={path} value={value} required={field.required} label={field.label} id={id} invalid={Boolean(error)} describedBy={error ? `${id}-error` : undefined} />
      {message}
    </div>
  );
}

interface EditorProps {
  model: FieldModel;
  path: Path;
  value: unknown;
  required: boolean;
  label: string;
  id?: string;
  invalid?: boolean;
  describedBy?: string | undefined;
}

/** The control for one value, by the kind the schema gives it. */
export function ValueEditor(props: EditorProps): ReactNode {
  const { model, path, value, required, label } = props;
  const { change, errors, defaults } = useForm();
  const defaultLabel = defaults.get(pathKey(path)) ?? '(default)';
  // List items have no row of their own: their message is the ItemError next to them.
  const ownError = props.invalid === undefined && errors.has(pathKey(path));
  const common = {
    id: props.id,
    'aria-invalid': props.invalid || ownError || undefined,
    'aria-describedby': props.describedBy ?? (ownError ? itemErrorId(path) : undefined),
    'data-testid': testId(path),
    ...(props.id ? {} : { 'aria-label': label }),
  };
  // An optional field left empty is removed from the node rather than saved empty.
  const orUndefined = (next: unknown) => (!required && (next === '' || (Array.isArray(next) && next.length === 0)) ? undefined : next);
  switch (model.kind) {
    case 'string':
      return <input className="input" spellCheck={false} value={typeof value === 'string' ? value : ''} onChange={(e) => change(path, orUndefined(e.target.value))} {...common} />;
    case 'number':
      return (
        <input
          className="input"
          type="number"
          step={model.integer ? 1 : 'any'}
          min={model.min}
          max={model.max}
          value={typeof value === 'number' || typeof value === 'string' ? value : ''}
          onChange={(e) => change(path, e.target.value === '' ? orUndefined('') : Number.isNaN(e.target.valueAsNumber) ? e.target.value : e.target.valueAsNumber)}
          {...common}
        />
      );
    case 'enum':
      return (
        <select className="input" value={typeof value === 'string' ? value : ''} onChange={(e) => change(path, orUndefined(e.target.value))} {...common}>
          {!required && <option value="">{defaultLabel}</option>}
          {model.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
    case 'boolean':
      return required ? (
        <input type="checkbox" checked={value === true} onChange={(e) => change(path, e.target.checked)} {...common} />
      ) : (
        <select className="input" value={value === undefined ? '' : String(value)} onChange={(e) => change(path, e.target.value === '' ? undefined : e.target.value === 'true')} {...common}>
          <option value="">(default)</option>
          <option value="true">yes</option>
          <option value="false">no</option>
        </select>
      );
    case 'scalar':
      return (
        <input className="input" spellCheck={false} title='Numbers and true/false are typed; quote them ("12") to keep text' value={value === undefined ? '' : formatScalar(value)} onChange={(e) => change(path, parseScalar(e.target.value))} {...common} />
      );
    case 'inputs':
      return <InputsEditor max={model.max} path={path} value={Array.isArray(value) ? (value as string[]) : []} label={label} id={props.id} />;
    case 'list':
      return <ListEditor model={model} path={path} value={Array.isArray(value) ? value : []} label={label} onEmpty={orUndefined} />;
    case 'record':
      return <RecordEditor model={model.value} path={path} value={isRecord(value) ? value : {}} label={label} />;
    case 'object':
      return (
        <div className="node-form__object">
          {model.fields.map((field) => (
            <FieldRow key={field.key} field={field} path={[...path, field.key]} value={isRecord(value) ? value[field.key] : undefined} />
          ))}
        </div>
      );
    case 'union':
      return <UnionEditor model={model} path={path} value={value} label={label} required={required} />;
    case 'sql':
    case 'json':
      return <JsonEditor path={path} value={value} label={label} />;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="button button--icon node-form__remove" aria-label={label} title={label} onClick={onClick}>
      ×
    </button>
  );
}

function ListEditor({ model, path, value, label, onEmpty }: { model: Extract<FieldModel, { kind: 'list' }>; path: Path; value: unknown[]; label: string; onEmpty: (next: unknown) => unknown }) {
  const { change } = useForm();
  const full = model.max !== null && value.length >= model.max;
  return (
    <div className="node-form__list">
      {value.map((item, index) => (
        <div key={index} className={`node-form__item${model.item.kind === 'object' || model.item.kind === 'union' ? ' node-form__item--card' : ''}`}>
          <ValueEditor model={model.item} path={[...path, index]} value={item} required label={`${label} ${index + 1}`} />
          <RemoveButton label={`Remove ${label.toLowerCase()} ${index + 1}`} onClick={() => change(path, onEmpty(value.filter((_, i) => i !== index)))} />
          <ItemError path={[...path, index]} kind={model.item.kind} />
        </div>
      ))}
      {!full && (
        <button type="button" className="button node-form__add" data-testid={`${testId(path)}-add`} onClick={() => change(path, [...value, emptyValue(model.item)])}>
          + Add
        </button>
      )}
    </div>
  );
}

/** The message of a list item that is a single control (objects show theirs per field). */
function ItemError({ path, kind }: { path: Path; kind: FieldModel['kind'] }) {
  const { errors } = useForm();
  const error = kind === 'object' ? undefined : errors.get(pathKey(path));
  return error ? (
    <span id={itemErrorId(path)} className="node-form__error node-form__error--item" role="alert" data-testid={`${testId(path)}-error`}>
      {error}
    </span>
  ) : null;
}

function InputsEditor({ max, path, value, label, id }: { max: number | null; path: Path; value: string[]; label: string; id?: string | undefined }) {
  const { change, inputChoices } = useForm();
  const slots = max === 2 ? ['Left', 'Right'] : null;
  const choose = (index: number, name: string) => {
    const next = [...value];
    if (name === '') next.splice(index, 1);
    else next[index] = name;
    change(path, next);
  };
  const picker = (index: number, slotLabel: string) => (
    <select
      className="input"
      {...(max === 1 ? { id, 'data-testid': testId(path) } : { 'aria-label': slotLabel, 'data-testid': `${testId(path)}-${index}` })} value={value[index] ?? ''} onChange={(e) => choose(index, e.target.value)}>
      <option value="">(none)</option>
      {[...new Set([...inputChoices, ...(value[index] ? [value[index]] : [])])].map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  );
  if (max === 1) return picker(0, label);
  const count = slots ? 2 : value.length + 1;
  return (
    <div className="node-form__list">
      {Array.from({ length: count }, (_, index) => (
        <div key={index} className="node-form__item">
          {slots && <span className="node-form__slot">{slots[index]}</span>}
          {picker(index, slots ? `${slots[index]} input` : index < value.length ? `Input ${index + 1}` : 'Add an input')}
        </div>
      ))}
    </div>
  );
}

function RecordEditor({ model, path, value, label }: { model: FieldModel; path: Path; value: Record<string, unknown>; label: string }) {
  const { change } = useForm();
  const entries = Object.entries(value);
  const rebuild = (next: [string, unknown][]) => change(path, next.length > 0 ? Object.fromEntries(next) : undefined);
  return (
    <div className="node-form__list">
      {entries.map(([key, entry], index) => (
        <div key={index} className="node-form__item">
          <input className="input" aria-label={`${label} ${index + 1} key`} spellCheck={false} value={key} onChange={(e) => rebuild(entries.map((pair, i) => (i === index ? [e.target.value, pair[1]] : pair)))} />
          <ValueEditor model={model} path={[...path, key]} value={entry} required label={`${label} ${key}`} />
          <RemoveButton label={`Remove ${key}`} onClick={() => rebuild(entries.filter((_, i) => i !== index))} />
          <ItemError path={[...path, key]} kind={model.kind} />
        </div>
      ))}
      <button type="button" className="button node-form__add" onClick={() => rebuild([...entries, [uniqueKey(value), emptyValue(model)]])}>
        + Add
      </button>
    </div>
  );
}

function uniqueKey(value: Record<string, unknown>): string {
  let index = Object.keys(value).length + 1;
  while (`column_${index}` in value) index += 1;
  return `column_${index}`;
}

function UnionEditor({ model, path, value, label, required }: { model: Extract<FieldModel, { kind: 'union' }>; path: Path; value: unknown; label: string; required: boolean }) {
  const { change } = useForm();
  const current = value === undefined ? -1 : variantIndex(model, value);
  const switchTo = (index: number) => {
    if (index < 0) return change(path, undefined);
    const variant = model.variants[index]!.model;
    let next = emptyValue(variant);
    // A column name carries over into the details form (`origin` → {column: origin}).
    if (typeof value === 'string' && variant.kind === 'object') {
      const first = variant.fields.find((f) => f.required && f.model.kind === 'string');
      if (first) next = { ...(next as object), [first.key]: value };
    } else if (isRecord(value) && (variant.kind === 'string' || variant.kind === 'enum')) {
      const carried = Object.values(value).find((v) => typeof v === 'string');
      if (typeof carried === 'string' && variant.kind === 'string') next = carried;
    }
    change(path, next);
  };
  return (
    <div className="node-form__union">
      <select className="input input--compact node-form__variant" aria-label={`${label}: kind`} value={current} onChange={(e) => switchTo(Number(e.target.value))}>
        {!required && <option value={-1}>(default)</option>}
        {model.variants.map((variant, index) => (
          <option key={index} value={index}>
            {variant.label}
          </option>
        ))}
      </select>
      {current >= 0 && <ValueEditor model={model.variants[current]!.model} path={path} value={value} required label={label} />}
    </div>
  );
}

/** The last resort for a shape the form has no editor for: the value as JSON. */
function JsonEditor({ path, value, label }: { path: Path; value: unknown; label: string }) {
  const { change } = useForm();
  const [text, setText] = useState(() => JSON.stringify(value ?? null, null, 2));
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <textarea
        className="input node-form__json"
        aria-label={`${label} (JSON)`}
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          try {
            change(path, JSON.parse(e.target.value));
            setError(null);
          } catch (problem) {
            setError((problem as Error).message);
          }
        }}
      />
      {error && <span className="node-form__error">{error}</span>}
    </>
  );
}
