export interface UnreadCountProps {
  readonly count: number;
}

/** A feed's unread number; nothing when all is read, so the list stays quiet. */
export function UnreadCount({ count }: UnreadCountProps) {
  if (count === 0) return null;
  return (
    <span className="count" aria-label={`${count} unread`}>
      {count}
    </span>
  );
}
