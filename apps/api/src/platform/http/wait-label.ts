/** "42 secondes", "12 minutes": how long a refused caller waits, in the API's French sentences. */
export function waitLabel(seconds: number): string {
  if (seconds < 60) return `${seconds} seconde${seconds > 1 ? 's' : ''}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes > 1 ? 's' : ''}`;
}
