import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/ui';
import { timeZones } from './time';
import { zoneOptions } from './zoneNames';

/**
 * A searchable time-zone field: typing "Guad" or "Réunion" narrows some 400 zones to the right one
 * (the browser's own suggestion list, so it works with the keyboard and screen readers). The zone
 * changes only when the text names one of the options.
 */
export function TimeZonePicker({
  label,
  value,
  onChange,
  hint,
  error,
}: {
  label: string;
  value: string;
  onChange: (zone: string) => void;
  hint?: string;
  error?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const listId = useId();
  const options = useMemo(() => zoneOptions(timeZones(), i18n.language), [i18n.language]);
  const labelOf = (zone: string) => options.find((option) => option.zone === zone)?.label ?? zone;
  const [text, setText] = useState(() => labelOf(value));
  const match = (input: string) =>
    options.find(
      (option) => option.label === input || option.zone.toLowerCase() === input.trim().toLowerCase(),
    );
  const unknown = text.trim() !== '' && !match(text);
  return (
    <>
      <TextField
        label={label}
        hint={hint ?? t('appointments.zone.searchHint')}
        error={error ?? (unknown ? t('appointments.zone.unknown') : undefined)}
        list={listId}
        value={text}
        autoComplete="off"
        spellCheck={false}
        onFocus={(event) => event.currentTarget.select()}
        onChange={(event) => {
          setText(event.target.value);
          const found = match(event.target.value);
          if (found) onChange(found.zone);
        }}
        onBlur={() => {
          if (!match(text)) setText(labelOf(value));
        }}
      />
      <datalist id={listId}>
        {options.map((option) => (
          <option key={option.zone} value={option.label} />
        ))}
      </datalist>
    </>
  );
}
