/** What a form answers when the session ended while it was being filled in; FormMessage adds a sign-in link to it. */
export const SESSION_ENDED_MESSAGE = "Your session has ended. Please sign in again.";
