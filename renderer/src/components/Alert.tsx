export interface AlertProps {
  /** Plain words; nothing is shown while null. */
  readonly message: string | null;
}

/** An error where it happened, announced to screen readers as it appears. */
export function Alert({ message }: AlertProps) {
  if (message === null) return null;
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}
