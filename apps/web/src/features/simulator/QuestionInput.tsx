import type { QuestionView } from '@ft/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogueLabels } from '../../lib/labels';

export type AnswerValue = boolean | number | string | string[];

const grouping = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** "1 234,5" (any spaces, comma or dot decimal) → 1234.5; null when it is not a number. */
export function parseFrenchNumber(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (cleaned === '' || !/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

type Props = {
  question: QuestionView;
  value: AnswerValue | undefined;
  error: string | undefined;
  onChange: (value: AnswerValue | undefined) => void;
};

/** One question of the questionnaire, with the control its type calls for. */
export function QuestionInput({ question, value, error, onChange }: Props) {
  const { t } = useTranslation();
  const labels = useCatalogueLabels();
  const id = useId();
  const errorId = `${id}-error`;
  const describedBy = error ? errorId : undefined;
  const [text, setText] = useState(typeof value === 'number' ? grouping.format(value) : '');

  const errorLine = error && (
    <span className="field-error" id={errorId} role="alert">
      {error}
    </span>
  );

  if (question.type === 'boolean' || question.type === 'single_choice') {
    const options =
      question.type === 'boolean'
        ? [
            { code: 'true', label: t('common.yes') },
            { code: 'false', label: t('common.no') },
          ]
        : (question.options ?? []);
    const current = value === undefined ? '' : String(value);
    return (
      <fieldset className="field question" aria-describedby={describedBy}>
        <legend className="question-text">{labels.question(question.code, question.text)}</legend>
        <div className={question.type === 'boolean' ? 'choice-row' : 'choice-grid'}>
          {options.map((option) => (
            <label key={option.code} className={`choice${current === option.code ? ' choice-selected' : ''}`}>
              <input
                type="radio"
                name={question.code}
                value={option.code}
                checked={current === option.code}
                onChange={() => onChange(question.type === 'boolean' ? option.code === 'true' : option.code)}
              />
              <span>{labels.option(question.code, option.code, option.label)}</span>
            </label>
          ))}
        </div>
        {errorLine}
      </fieldset>
    );
  }

  if (question.type === 'multiple_choice') {
    const selected = Array.isArray(value) ? value : [];
    const toggle = (code: string) => {
      const next = selected.includes(code) ? selected.filter((item) => item !== code) : [...selected, code];
      onChange(next.length > 0 ? next : undefined);
    };
    return (
      <fieldset className="field question" aria-describedby={describedBy}>
        <legend className="question-text">{labels.question(question.code, question.text)}</legend>
        <p className="field-hint">{t('simulator.severalAnswers')}</p>
        <div className="choice-grid">
          {question.options?.map((option) => (
            <label
              key={option.code}
              className={`choice${selected.includes(option.code) ? ' choice-selected' : ''}`}
            >
              <input
                type="checkbox"
                checked={selected.includes(option.code)}
                onChange={() => toggle(option.code)}
              />
              <span>{labels.option(question.code, option.code, option.label)}</span>
            </label>
          ))}
        </div>
        {errorLine}
      </fieldset>
    );
  }

  const isAmount = question.type === 'amount';
  return (
    <div className="field question">
      <label className="question-text" htmlFor={id}>
        {labels.question(question.code, question.text)}
      </label>
      <div className="input-with-unit">
        <input
          id={id}
          className="input input-lg"
          inputMode={isAmount ? 'decimal' : 'numeric'}
          autoComplete="off"
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            setText(event.target.value);
            const parsed = parseFrenchNumber(event.target.value);
            // Text that is not a number is kept as NaN so the page can say so instead of "required".
            onChange(parsed ?? (event.target.value.trim() ? Number.NaN : undefined));
          }}
          onBlur={() => {
            const parsed = parseFrenchNumber(text);
            if (parsed !== null) setText(grouping.format(parsed));
          }}
        />
        <span className="input-unit" aria-hidden="true">
          {isAmount ? '€' : question.unit === 'L' ? 'L' : ''}
        </span>
      </div>
      {errorLine}
    </div>
  );
}
