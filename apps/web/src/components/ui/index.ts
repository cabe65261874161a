export { Badge, type Tone } from './Badge';
export { BarChart } from './BarChart';
export { Button, ButtonLink } from './Button';
export { Card } from './Card';
export { ConfirmDialog, Dialog } from './Dialog';
export { Checkbox, SelectField, TextAreaField, TextField } from './Field';
export { Alert, EmptyState, ErrorState, LoadingState, PageHeader, Spinner } from './States';
export { type Column, Table } from './Table';
export { ToastProvider, useToast } from './Toast';
