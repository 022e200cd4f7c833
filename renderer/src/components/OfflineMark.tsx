export interface OfflineMarkProps {
  readonly ready: boolean;
}

const NOT_READY = 'Not fully saved for offline reading';

/** A small hollow circle on a row whose full text or images are not on disk yet; nothing once they are. */
export function OfflineMark({ ready }: OfflineMarkProps) {
  if (ready) return null;
  return <span className="offline-mark" role="img" aria-label={NOT_READY} title={NOT_READY} />;
}
