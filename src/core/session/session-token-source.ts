import type { AccessTokenSource } from '../http/access-token-source';
import type { SessionManager } from './session-manager';

/** The API client's view of one session: tokens come fresh from the manager, 401s go back to it. */
export function sessionTokenSource(sessions: SessionManager, sessionId: string): AccessTokenSource {
  return {
    getAccessToken: () => sessions.getAccessToken(sessionId),
    handleUnauthorized: (rejectedToken) => sessions.handleUnauthorized(sessionId, rejectedToken),
  };
}
