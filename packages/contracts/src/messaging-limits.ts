// Plain constants (no zod), so the web app can import them without pulling zod into its bundle.
export const MESSAGE_MAX_LENGTH = 10_000;
/** How long after sending the sender may still edit a message. */
export const MESSAGE_EDIT_WINDOW_MS = 15 * 60 * 1000;
