/** Carries the socket's client address from the container's entry to the app; never client-set. */
export const CLIENT_IP_HEADER = 'x-executor-client-ip'
