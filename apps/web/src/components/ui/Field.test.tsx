import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../test/render';
import { Checkbox, SelectField, TextField } from './Field';

const describedTexts = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent);

describe('TextField', () => {
  it('labels the input and ties the hint and the error to it', () => {
    renderWithApp(
      <TextField label="SIREN" name="siren" error="Le SIREN doit comporter 9 chiffres." hint="9 chiffres" />,
    );
    const input = screen.getByLabelText('SIREN');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(describedTexts(input)).toEqual(['9 chiffres', 'Le SIREN doit comporter 9 chiffres.']);
  });

  it('is not marked invalid without an error', () => {
    renderWithApp(<TextField label="Nom" name="lastName" />);
    const input = screen.getByLabelText('Nom');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(input.getAttribute('aria-describedby')).toBeNull();
  });
});

describe('SelectField', () => {
  it('offers its options under its label and reports its error', async () => {
    renderWithApp(
      <SelectField
        label="Secteur"
        name="sector"
        error="Choisissez un secteur."
        options={[
          { value: 'transport', label: 'Transport routier' },
          { value: 'agriculture', label: 'Agriculture' },
        ]}
      />,
    );
    const select = screen.getByLabelText('Secteur');
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(describedTexts(select)).toEqual(['Choisissez un secteur.']);
    await userEvent.selectOptions(select, 'agriculture');
    expect(select).toHaveProperty('value', 'agriculture');
  });
});

describe('Checkbox', () => {
  it('is checked by clicking its label', async () => {
    renderWithApp(<Checkbox label="J'accepte les conditions" name="terms" />);
    await userEvent.click(screen.getByText("J'accepte les conditions"));
    expect(screen.getByRole('checkbox', { name: "J'accepte les conditions" })).toHaveProperty(
      'checked',
      true,
    );
  });
});
