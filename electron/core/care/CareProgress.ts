import type { CareProgress } from '../../shared/model.ts';

export type { CareProgress };

export type CareProgressListener = (progress: CareProgress) => void;
