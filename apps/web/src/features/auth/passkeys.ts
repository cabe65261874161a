import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  WebAuthnError,
} from '@simplewebauthn/browser';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';

/** Registration ceremony: the server's options, the browser's authenticator, the server's check. */
export async function registerPasskey(name: string) {
  const optionsJSON = await apiRequest('POST /api/auth/2fa/passkeys/registration-options');
  const response = await startRegistration({ optionsJSON });
  return apiRequest('POST /api/auth/2fa/passkeys', { body: { name, response } });
}

/** The second step of sign-in with a passkey, on the session's pending challenge. */
export async function verifyWithPasskey(rememberDevice: boolean) {
  const optionsJSON = await apiRequest('POST /api/auth/2fa/passkeys/authentication-options');
  const response = await startAuthentication({ optionsJSON });
  await apiRequest('POST /api/auth/2fa/passkeys/verify', { body: { response, rememberDevice } });
}

export const passkeysSupported = () => browserSupportsWebAuthn();

/** A sentence for a failed ceremony: the browser's refusal (cancelled, timed out) or the API's. */
export function usePasskeyErrorMessage() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  return (error: unknown): string => {
    if (error instanceof WebAuthnError) {
      return error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED'
        ? t('passkeys.alreadyRegistered')
        : t('passkeys.browserRefused');
    }
    // A DOMException the library passed on as is (NotAllowedError when the person cancels).
    if (error instanceof DOMException) return t('passkeys.browserRefused');
    return errorMessage(error);
  };
}
