"use client";

import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from "react";

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  hint?: string;
  error?: string;
}

interface ControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
  className: string;
}

/**
 * Label, control, hint and error, tied together for screen readers; every field kind renders its
 * control through this so they are announced alike.
 */
function FieldShell(props: {
  label: string;
  hint?: string;
  error?: string;
  name?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const { label, hint, error, name, className, children } = props;
  const id = useId();
  const showHint = Boolean(hint) && !error;
  const describedBy = [showHint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const look = `min-h-11 w-full rounded-lg border bg-white px-3 py-2 text-base text-stone-900 outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${
    error ? "border-red-700" : "border-stone-400"
  } ${className ?? ""}`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        {label}
      </label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy, className: look })}
      {showHint ? (
        <p id={`${id}-hint`} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700" data-field-error={name}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input whose hint and error are announced and tied to it for screen readers. */
export function Field({ label, hint, error, className, ...input }: FieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} name={input.name} className={className}>
      {(control) => <input {...control} {...input} />}
    </FieldShell>
  );
}

interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  hint?: string;
  error?: string;
}

/** A labelled multi-line input, announced like Field. */
export function TextAreaField({ label, hint, error, className, ...input }: TextAreaFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} name={input.name} className={className}>
      {(control) => <textarea rows={3} {...control} {...input} />}
    </FieldShell>
  );
}

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  hint?: string;
  error?: string;
  options: ReadonlyArray<{ value: string; label: string }>;
}

/** A labelled select, announced like Field. */
export function SelectField({ label, hint, error, options, className, ...input }: SelectFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} name={input.name} className={className}>
      {(control) => (
        <select {...control} {...input}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
