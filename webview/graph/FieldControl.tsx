/**
 * One inspector field. Text fields validate as you type and commit on Enter or blur
 * (Escape reverts); checkboxes and selects commit on change. Placeholder = the default.
 */
import { useEffect, useState, type KeyboardEvent, type ReactNode } from "react";
import { activationTypes, weightPresets, type FieldSpec } from "./catalog";
import { formatFieldValue, parseFieldText, type ParsedField } from "./fieldValues";
import type { Severity } from "../../src/engine/types";

export interface FieldProblem {
  message: string;
  severity: Severity;
}

export interface FieldControlProps {
  field: FieldSpec;
  /** The raw JSON value (undefined when the key is absent). */
  value: unknown;
  readOnly: boolean;
  /** Field-level diagnostic from the engine, if any. */
  problem?: FieldProblem;
  onCommit(value: unknown): void;
}

function choicesOf(field: FieldSpec): readonly string[] | null {
  if (field.kind === "activation") return activationTypes;
  if (field.kind === "weights") return weightPresets;
  if (field.kind === "choice") return field.choices ?? [];
  return null;
}

export function FieldControl({ field, value, readOnly, problem, onCommit }: FieldControlProps) {
  const controlId = `cnn-field-${field.name}`;
  const label = (
    <label htmlFor={controlId} title={field.help}>
      {field.name}
      {field.required && <span className="cnn-required" aria-label="required">*</span>}
    </label>
  );
  const choices = choicesOf(field);
  const isCustomWeights = field.kind === "weights" && value !== undefined && typeof value !== "string";
  if (field.kind === "bool") {
    const checked = typeof value === "boolean" ? value : field.defaultText === "true";
    return (
      <div className="cnn-field cnn-field-bool">
        {label}
        <input id={controlId} type="checkbox" checked={checked} disabled={readOnly} onChange={(event) => onCommit(event.target.checked)} />
        {problem && <div className={`cnn-field-problem cnn-sev-${problem.severity}`}>{problem.message}</div>}
      </div>
    );
  }
  if (choices && !isCustomWeights) {
    return (
      <div className="cnn-field">
        {label}
        <select id={controlId} value={typeof value === "string" ? value : ""} disabled={readOnly} onChange={(event) => onCommit(event.target.value === "" ? undefined : event.target.value)}>
          <option value="">{field.defaultText === "none" ? "none" : `default (${field.defaultText})`}</option>
          {choices.map((choice) => <option key={choice} value={choice}>{choice}</option>)}
        </select>
        {problem && <div className={`cnn-field-problem cnn-sev-${problem.severity}`}>{problem.message}</div>}
      </div>
    );
  }
  return (
    <TextField
      field={field}
      value={value}
      readOnly={readOnly || isCustomWeights}
      problem={problem}
      onCommit={onCommit}
      controlId={controlId}
      label={label}
    />
  );
}

function TextField(props: FieldControlProps & { controlId: string; label: ReactNode }) {
  const { field, value, readOnly, problem, onCommit, controlId, label } = props;
  const committed = formatFieldValue(value);
  const [text, setText] = useState(committed);
  useEffect(() => {
    setText(committed);
  }, [committed]);
  const dirty = text !== committed;
  // A read-only value as written (custom kernel weights, or while the JSON is broken) is not
  // typed input: the engine's diagnostics, not the text parser, judge it.
  const parsed: ParsedField = readOnly && !dirty ? { ok: true, value } : parseFieldText(field, text);
  const commit = () => {
    if (dirty && parsed.ok) onCommit(parsed.value);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") commit();
    else if (event.key === "Escape") setText(committed);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };
  const message = !parsed.ok ? parsed.error : problem?.message;
  const errorId = `${controlId}-error`;
  return (
    <div className="cnn-field">
      {label}
      <input
        id={controlId}
        type="text"
        className={!parsed.ok ? "invalid" : problem ? `has-problem cnn-sev-${problem.severity}` : undefined}
        value={text}
        placeholder={field.defaultText ?? ""}
        readOnly={readOnly}
        spellCheck={false}
        aria-invalid={!parsed.ok}
        aria-describedby={message ? errorId : undefined}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={commit}
      />
      {message && <div id={errorId} className={!parsed.ok ? "cnn-field-error" : `cnn-field-problem cnn-sev-${problem?.severity ?? "info"}`}>{message}</div>}
    </div>
  );
}
