import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from './api';
import { useErrorMessage } from './errors';

/** Reads a form's named inputs as strings (checkbox groups as arrays). */
export function formValues(form: HTMLFormElement): Record<string, string | string[]> {
  const data = new FormData(form);
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(data.keys())) {
    const all = data.getAll(key).map(String);
    const element = form.elements.namedItem(key);
    const isGroup =
      element instanceof RadioNodeList ||
      (element instanceof HTMLInputElement && element.type === 'checkbox');
    values[key] = isGroup ? all : (all[0] ?? '');
  }
  return values;
}

/**
 * Submits a form through the API: field errors come back keyed by field for display next to each
 * input, any other failure as one sentence for the form.
 */
export function useFormSubmit<TResult>(
  submit: (values: Record<string, string | string[]>) => Promise<TResult>,
  onSuccess?: (result: TResult) => void,
) {
  const errorMessage = useErrorMessage();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: submit,
    onMutate: () => setFieldErrors({}),
    onSuccess,
    onError: (error) => {
      if (error instanceof ApiError) setFieldErrors(error.byField);
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate(formValues(event.currentTarget));
  };
  const formError =
    mutation.error && !(mutation.error instanceof ApiError && mutation.error.fieldErrors.length > 0)
      ? errorMessage(mutation.error)
      : undefined;
  return {
    onSubmit,
    fieldErrors,
    formError,
    pending: mutation.isPending,
    done: mutation.isSuccess,
    result: mutation.data,
  };
}

/** One input's value as a string ('' when absent), for typed request bodies. */
export const textOf = (value: string | string[] | undefined): string =>
  Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
/** A checkbox group's values ([] when none is ticked). */
export const listOf = (value: string | string[] | undefined): string[] =>
  Array.isArray(value) ? value : value ? [value] : [];
