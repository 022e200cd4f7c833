import { useId } from 'react';
import { DATE_RANGES, type DateRange } from '../state/dateRange.ts';

export interface DateRangeFilterProps {
  readonly range: DateRange;
  readonly onChange: (range: DateRange) => void;
}

/** Narrows the list (and a search) to recent articles; combines with the view and the query. */
export function DateRangeFilter({ range, onChange }: DateRangeFilterProps) {
  const id = useId();
  return (
    <div className="date-range">
      <label htmlFor={id}>Published</label>
      <select
        id={id}
        value={range}
        onChange={(event) => {
          onChange(event.target.value as DateRange);
        }}
      >
        {DATE_RANGES.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
