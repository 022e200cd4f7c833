import { useId } from 'react';
import {
  FONT_SIZES,
  LINE_WIDTH_CHOICES,
  READING_THEMES,
  useReadingSettings,
  type LineWidth,
  type ReadingTheme,
} from '../hooks/useReadingSettings.ts';

const THEME_LABELS: Readonly<Record<ReadingTheme, string>> = {
  system: 'System',
  light: 'Light',
  dark: 'Dark',
  sepia: 'Sepia',
};

const WIDTH_LABELS: Readonly<Record<LineWidth, string>> = { narrow: 'Narrow', standard: 'Standard', wide: 'Wide' };

interface ChoiceProps<Value extends string> {
  readonly legend: string;
  readonly name: string;
  readonly options: readonly Value[];
  readonly labels: Readonly<Record<Value, string>>;
  readonly value: Value;
  readonly onChange: (value: Value) => void;
}

/** A row of radio buttons drawn as one segmented control; arrow keys move between them as radios do. */
function Choice<Value extends string>({ legend, name, options, labels, value, onChange }: ChoiceProps<Value>) {
  return (
    <fieldset className="reading-choice">
      <legend>{legend}</legend>
      <div className="reading-choice-options">
        {options.map((option) => (
          <label key={option} className={`reading-choice-option reading-choice-${option}`}>
            <input
              type="radio"
              name={name}
              value={option}
              checked={value === option}
              onChange={() => {
                onChange(option);
              }}
            />
            {labels[option]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * The "Aa" button in the reader's header and the popover it opens: theme
 * (System follows the OS), text size and line width. A native popover: it
 * closes on Escape or a click elsewhere, and focus returns to the button.
 */
export function ReadingSettings() {
  const { settings, update } = useReadingSettings();
  const popoverId = useId();
  const sizeIndex = FONT_SIZES.indexOf(settings.fontSize);
  const resize = (step: -1 | 1): void => {
    const next = FONT_SIZES[sizeIndex + step];
    if (next !== undefined) update({ fontSize: next });
  };

  return (
    <>
      <button type="button" className="reading-settings-toggle" popoverTarget={popoverId} title="Reading settings">
        <span aria-hidden="true">Aa</span>
        <span className="visually-hidden">Reading settings</span>
      </button>
      <div id={popoverId} popover="auto" className="reading-settings" role="dialog" aria-label="Reading settings">
        <Choice
          legend="Theme"
          name={`${popoverId}-theme`}
          options={READING_THEMES}
          labels={THEME_LABELS}
          value={settings.theme}
          onChange={(theme) => {
            update({ theme });
          }}
        />
        <div className="reading-size" role="group" aria-labelledby={`${popoverId}-size`}>
          <span id={`${popoverId}-size`} className="reading-label">
            Text size
          </span>
          <button
            type="button"
            aria-label="Smaller text"
            disabled={sizeIndex <= 0}
            onClick={() => {
              resize(-1);
            }}
          >
            <span aria-hidden="true" className="reading-size-small">
              A
            </span>
          </button>
          <output aria-live="polite">{settings.fontSize} px</output>
          <button
            type="button"
            aria-label="Larger text"
            disabled={sizeIndex >= FONT_SIZES.length - 1}
            onClick={() => {
              resize(1);
            }}
          >
            <span aria-hidden="true" className="reading-size-large">
              A
            </span>
          </button>
        </div>
        <Choice
          legend="Line width"
          name={`${popoverId}-width`}
          options={LINE_WIDTH_CHOICES}
          labels={WIDTH_LABELS}
          value={settings.lineWidth}
          onChange={(lineWidth) => {
            update({ lineWidth });
          }}
        />
      </div>
    </>
  );
}
