import { Field } from "../ui/input";

/** Six digits from an authenticator app: numeric keypad, one-time-code autofill. */
export function CodeField({
  value,
  onChange,
  label = "Authentication code",
  autoFocus,
}: {
  value: string;
  onChange: (v: string) => void;
  label?: string;
  autoFocus?: boolean;
}) {
  return (
    <Field
      label={label}
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="\s*\d{3}\s?\d{3}\s*"
      maxLength={7}
      placeholder="123 456"
      required
      autoFocus={autoFocus}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      className="[&_input]:font-mono [&_input]:tracking-[0.3em]"
      hint="The 6-digit code your authenticator app shows for Fleetdeck."
    />
  );
}
