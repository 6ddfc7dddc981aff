import { useState } from 'react';

interface NumberFieldProps {
  label: string;
  value: number;
  format: (value: number) => string;
  /** called with the typed text when the person commits it (Enter or leaving the field) */
  onCommit: (text: string) => void;
}

/** A small text field for typing an exact value; it shows the store's value between edits. */
export function NumberField({ label, value, format, onCommit }: NumberFieldProps) {
  // An edit in progress belongs to the value it started from; when the value changes, it is dropped.
  const [edit, setEdit] = useState<{ from: number; text: string } | null>(null);
  const draft = edit && edit.from === value ? edit.text : null;
  const commit = () => {
    if (draft !== null) onCommit(draft);
    setEdit(null);
  };
  return (
    <input
      className="number-field"
      type="text"
      inputMode="decimal"
      aria-label={label}
      value={draft ?? format(value)}
      onChange={(event) => setEdit({ from: value, text: event.currentTarget.value })}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
        if (event.key === 'Escape') setEdit(null);
      }}
    />
  );
}
